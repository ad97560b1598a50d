package dev.carafe.web;

import java.util.Locale;

/**
 * Finds the tenant a web request is for, which the Javalin plugin and the servlet filter open the
 * request's context with. A request that names no tenant is answered with 400, one that names an
 * id breaking {@link dev.carafe.tenant.TenantIds}' rule with 400 before any SQL, and one that names
 * a tenant that does not exist with 404. Implementations must be thread-safe.
 *
 * <pre>{@code
 * new CarafePlugin(db, plugin -> plugin.tenantResolver(TenantResolver.header("X-Tenant")))
 * }</pre>
 */
@FunctionalInterface
public interface TenantResolver {
    /**
     * Returns the tenant a request names.
     *
     * @param request the parts of the request a resolver reads
     * @return the tenant's id as the request gives it, or {@code null} when it names none
     */
    String resolve(Request request);

    /**
     * Reads the tenant from a request header, such as {@code X-Tenant: acme}.
     *
     * @param name the header's name
     * @return the resolver
     */
    static TenantResolver header(String name) {
        return request -> request.header(name);
    }

    /**
     * Reads the tenant from the first label of the host name: {@code acme.example.com} and
     * {@code acme.localhost} are {@code acme}; {@code example.com}, {@code localhost} and IP
     * addresses name none.
     *
     * @return the resolver
     */
    static TenantResolver subdomain() {
        return request -> {
            String host = request.host();
            if (host == null) return null;
            host = host.toLowerCase(Locale.ROOT);
            int port = host.lastIndexOf(':');
            if (port > 0 && host.indexOf(']') < port) host = host.substring(0, port);
            if (host.startsWith("[") || host.matches("[0-9.]+")) return null;
            String[] labels = host.split("\\.");
            boolean local = labels.length == 2 && labels[1].equals("localhost");
            return labels.length >= 3 || local ? labels[0] : null;
        };
    }

    /**
     * Reads the tenant from a segment of the request's path, counted from 0: with index 1,
     * {@code /t/acme/todos} is {@code acme}.
     *
     * @param index which segment
     * @return the resolver
     */
    static TenantResolver pathSegment(int index) {
        return request -> {
            String path = request.path();
            if (path == null) return null;
            String[] segments = path.replaceFirst("^/", "").split("/");
            return index < segments.length && !segments[index].isEmpty() ? segments[index] : null;
        };
    }

    /**
     * Reads the tenant from an attribute of the signed-in user's HTTP session, which the login code set.
     *
     * @param name the session attribute
     * @return the resolver
     */
    static TenantResolver sessionAttribute(String name) {
        return request -> {
            Object value = request.sessionAttribute(name);
            return value == null ? null : value.toString();
        };
    }

    /**
     * Returns a resolver that asks this one, then the other when this one finds none.
     *
     * @param other the resolver to ask next
     * @return the combined resolver
     */
    default TenantResolver orElse(TenantResolver other) {
        return request -> {
            String tenant = resolve(request);
            return tenant != null ? tenant : other.resolve(request);
        };
    }

    /** The parts of a web request a resolver reads; the web plugins implement it over their requests. */
    interface Request {
        /**
         * Returns a header.
         *
         * @param name its name, in any case
         * @return its value, or {@code null}
         */
        String header(String name);

        /**
         * Returns the host the request was sent to ({@code Host} header), perhaps with a port.
         *
         * @return the host, or {@code null}
         */
        String host();

        /**
         * Returns the request's path, without the query string.
         *
         * @return the path
         */
        String path();

        /**
         * Returns an attribute of the request's HTTP session, without creating a session.
         *
         * @param name the attribute
         * @return its value, or {@code null} when there is no session or no such attribute
         */
        Object sessionAttribute(String name);
    }
}
