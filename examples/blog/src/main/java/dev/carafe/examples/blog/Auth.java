package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.session.CommitException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;

/** flaskr's {@code auth} blueprint: register, log in, log out, and the logged-in user of a request. */
final class Auth {
    static final String USER_ID = "user_id";
    static final String SESSION_VERSION = "session_version";
    private static final String USER_ATTRIBUTE = "blog.user";
    private static final int MAX_USERNAME = 80;

    private final Carafe db;
    private final SignedSession sessions;
    private final AttemptLimiter attempts;
    private Views views;

    Auth(Carafe db, SignedSession sessions, AttemptLimiter attempts) {
        this.db = db;
        this.sessions = sessions;
        this.attempts = attempts;
    }

    void views(Views views) {
        this.views = views;
    }

    /** Flask's {@code g.user}: the user of the request's session, loaded once per request. */
    User currentUser(Context ctx) {
        if (ctx.attributeMap().containsKey(USER_ATTRIBUTE)) return ctx.attribute(USER_ATTRIBUTE);
        User user = sessionUser(sessions.read(ctx));
        ctx.attribute(USER_ATTRIBUTE, user);
        return user;
    }

    /**
     * The user whose id the session holds; nobody when the id is not a number (a signed cookie can
     * still hold one: from a bug, or another app sharing the key) or when the user has logged out
     * since the session began.
     */
    private User sessionUser(Map<String, String> session) {
        String id = session.get(USER_ID);
        if (id == null || !id.matches("[0-9]{1,18}")) return null;
        User user = db.session().get(User.class, Long.valueOf(id));
        return user != null && String.valueOf(user.sessionVersion).equals(session.get(SESSION_VERSION)) ? user : null;
    }

    void registerForm(Context ctx) {
        views.render(ctx, "register.jte", Map.of());
    }

    /**
     * flaskr's messages, "User {name} is already registered." among them: registration cannot help
     * telling that a name is taken, so the attempts of an address are limited instead.
     */
    void register(Context ctx) {
        String username = field(ctx, "username");
        String password = field(ctx, "password");
        String error = null;
        if (username.isEmpty()) {
            error = "Username is required.";
        } else if (password.isEmpty()) {
            error = "Password is required.";
        } else if (username.length() > MAX_USERNAME) {
            error = "Username is too long (at most " + MAX_USERNAME + " characters).";
        } else {
            Duration wait = attempts.tryAttempt("register from " + ctx.ip());
            if (wait != null) {
                tooManyAttempts(ctx, wait, "register.jte");
                return;
            }
            if (db.query(User.class).filterBy("username", username).first() != null) {
                error = "User " + username + " is already registered.";
            }
        }
        if (error == null) {
            try {
                db.session().add(new User(username, password));
                db.session().commit();
                ctx.redirect("/auth/login");
                return;
            } catch (CommitException e) {
                // Someone registered the same name between the check and the commit.
                error = "User " + username + " is already registered.";
            }
        }
        sessions.flash(ctx, error);
        registerForm(ctx);
    }

    void loginForm(Context ctx) {
        views.render(ctx, "login.jte", Map.of());
    }

    /**
     * One message for an unknown name and a wrong password, after the same PBKDF2 work, so neither
     * the page nor its timing tells which names exist; a username and an address get a limited
     * number of attempts.
     */
    void login(Context ctx) {
        String username = field(ctx, "username");
        String password = field(ctx, "password");
        // Longer names cannot exist; cutting them keeps the limiter's keys small.
        String[] keys = {"login as " + username.substring(0, Math.min(username.length(), MAX_USERNAME)),
            "login from " + ctx.ip()};
        Duration wait = attempts.tryAttempt(keys);
        if (wait != null) {
            tooManyAttempts(ctx, wait, "login.jte");
            return;
        }
        User user = db.session().scalar(db.select(User.class).filterBy("username", username));
        if (user == null ? !Passwords.verifyNobody(password) : !user.checkPassword(password)) {
            sessions.flash(ctx, "Incorrect username or password.");
            loginForm(ctx);
            return;
        }
        attempts.refund(keys);
        Map<String, String> session = sessions.read(ctx);
        session.clear();
        session.put(USER_ID, String.valueOf(user.id));
        session.put(SESSION_VERSION, String.valueOf(user.sessionVersion));
        sessions.save(ctx, session);
        ctx.redirect("/");
    }

    /** Ends every session of the user, so a copy of the cookie kept after logout logs nobody in. */
    void logout(Context ctx) {
        User user = currentUser(ctx);
        if (user != null) {
            user.endSessions();
            db.session().commit();
        }
        Map<String, String> session = sessions.read(ctx);
        session.clear();
        sessions.save(ctx, session);
        ctx.redirect("/");
    }

    /**
     * flaskr's {@code login_required}: returns the logged-in user, or redirects to the login page
     * and returns {@code null}.
     */
    User requireUser(Context ctx) {
        User user = currentUser(ctx);
        if (user == null) ctx.redirect("/auth/login");
        return user;
    }

    /** A form field, empty when missing, so bad input gives a message, never a 500. */
    static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.strip();
    }

    private void tooManyAttempts(Context ctx, Duration wait, String form) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        long minutes = (seconds + 59) / 60;
        ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(seconds));
        sessions.flash(ctx, "Too many attempts. Try again in " + minutes + (minutes == 1 ? " minute." : " minutes."));
        views.render(ctx, form, Map.of());
    }
}
