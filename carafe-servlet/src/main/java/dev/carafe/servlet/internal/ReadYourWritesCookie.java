package dev.carafe.servlet.internal;

import dev.carafe.replica.ReplicaReads;
import dev.carafe.session.DbContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Carries a client's write positions from one request to the next in the cookie
 * {@value ReplicaReads#COOKIE}: read when the request's context opens, set after each commit that
 * wrote on a bind with replicas (while the response can still take a header).
 */
public final class ReadYourWritesCookie {
    /** How long the cookie lives: longer than any lag a replica may have and still serve reads. */
    private static final int MAX_AGE_SECONDS = 300;

    private ReadYourWritesCookie() {}

    /**
     * Hands a request's token to its context and sets the new token on the response after a write.
     *
     * @param reads the Carafe instance's replica reads
     * @param context the request's new context
     * @param request the request
     * @param response the response
     */
    public static void attach(ReplicaReads reads, DbContext context, HttpServletRequest request,
            HttpServletResponse response) {
        if (!reads.configured()) return;
        reads.require(context, token(request));
        reads.onWrite(context, token -> {
            if (response.isCommitted()) return;
            Cookie cookie = new Cookie(ReplicaReads.COOKIE, token);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setMaxAge(MAX_AGE_SECONDS);
            cookie.setSecure(request.isSecure());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        });
    }

    private static String token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return null;
        for (Cookie cookie : cookies) {
            if (ReplicaReads.COOKIE.equals(cookie.getName())) return cookie.getValue();
        }
        return null;
    }
}
