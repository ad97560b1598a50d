package dev.carafe.examples.blog;

import io.javalin.http.Context;

/**
 * The headers every response carries, error pages and 404s included: a Content-Security-Policy
 * that allows only this site's own scripts, styles and images (so injected markup cannot run
 * script), no framing (against clickjacking), no MIME sniffing (a plain-text page stays text), and
 * no {@code Referer} to other sites.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private SecurityHeaders() {}

    /** A before-handler that adds the headers. */
    static void add(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
    }
}
