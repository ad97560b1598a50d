package dev.carafe.examples.blog;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Refuses cross-site form posts: every {@code POST} must come from a page of this site (its
 * {@code Origin}, or else its {@code Sec-Fetch-Site}, says so when the browser sends one) and carry
 * the session's token in the field {@code csrf_token}, which every form of the blog includes. The
 * token is random, kept in the signed session, and changes at login.
 */
final class CsrfProtection {
    /** The form field that carries the token, as in Flask-WTF. */
    static final String FIELD = "csrf_token";
    private static final String TOKEN = "_csrf";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignedSession sessions;

    CsrfProtection(SignedSession sessions) {
        this.sessions = sessions;
    }

    /** The session's token for the forms of a page, made when the session has none. */
    String token(Context ctx) {
        Map<String, String> session = sessions.read(ctx);
        String token = session.get(TOKEN);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.put(TOKEN, token);
            sessions.save(ctx, session);
        }
        return token;
    }

    /** A before-handler: answers 403 to a state-changing request from another site or without the token. */
    void check(Context ctx) {
        if (SAFE_METHODS.contains(ctx.req().getMethod())) return;
        if (fromAnotherSite(ctx)) {
            throw new ForbiddenResponse("Cross-site form posts are refused: submit the form from this site's own pages.");
        }
        String expected = sessions.read(ctx).get(TOKEN);
        String sent = ctx.formParam(FIELD);
        if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("The form is out of date or did not come from this site: reload the page and "
                    + "submit it again.");
        }
    }

    /**
     * Whether the browser says the request comes from another site: by its {@code Origin}, or,
     * without one, by its {@code Sec-Fetch-Site}. Other clients send neither, and need the token all
     * the same.
     */
    private static boolean fromAnotherSite(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) return !origin.equalsIgnoreCase(ownOrigin(ctx.req()));
        String site = ctx.header("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none");
    }

    /** The request's own origin, as a browser writes it: the port only when it is not the scheme's default. */
    private static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
