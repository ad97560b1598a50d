package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.session.CommitException;
import io.javalin.http.Context;
import java.util.Map;

/** flaskr's {@code auth} blueprint: register, log in, log out, and the logged-in user of a request. */
final class Auth {
    private static final String USER_ID = "user_id";
    private static final String USER_ATTRIBUTE = "blog.user";
    private static final int MAX_USERNAME = 80;

    private final Carafe db;
    private final SignedSession sessions;
    private Views views;

    Auth(Carafe db, SignedSession sessions) {
        this.db = db;
        this.sessions = sessions;
    }

    void views(Views views) {
        this.views = views;
    }

    /** Flask's {@code g.user}: the user whose id the session holds, loaded once per request. */
    User currentUser(Context ctx) {
        if (ctx.attributeMap().containsKey(USER_ATTRIBUTE)) return ctx.attribute(USER_ATTRIBUTE);
        String id = sessions.read(ctx).get(USER_ID);
        User user = id == null ? null : db.session().get(User.class, id);
        ctx.attribute(USER_ATTRIBUTE, user);
        return user;
    }

    void registerForm(Context ctx) {
        views.render(ctx, "register.jte", Map.of());
    }

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
        } else if (db.query(User.class).filterBy("username", username).first() != null) {
            error = "User " + username + " is already registered.";
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

    void login(Context ctx) {
        String username = field(ctx, "username");
        String password = field(ctx, "password");
        User user = db.session().scalar(db.select(User.class).filterBy("username", username));
        String error = null;
        if (user == null) {
            error = "Incorrect username.";
        } else if (!user.checkPassword(password)) {
            error = "Incorrect password.";
        }
        if (error == null) {
            Map<String, String> session = sessions.read(ctx);
            session.clear();
            session.put(USER_ID, String.valueOf(user.id));
            sessions.save(ctx, session);
            ctx.redirect("/");
            return;
        }
        sessions.flash(ctx, error);
        loginForm(ctx);
    }

    void logout(Context ctx) {
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
}
