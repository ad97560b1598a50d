package dev.carafe.servlet.internal;

import dev.carafe.web.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/** A servlet request as a {@link TenantResolver} reads it. */
public final class ServletTenantRequest implements TenantResolver.Request {
    private final HttpServletRequest request;

    /**
     * Wraps a request.
     *
     * @param request the request
     */
    public ServletTenantRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String host() {
        return request.getHeader("Host");
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public Object sessionAttribute(String name) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getAttribute(name);
    }
}
