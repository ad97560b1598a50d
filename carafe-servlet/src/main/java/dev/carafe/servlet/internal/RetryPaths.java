package dev.carafe.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The paths whose requests run again after a retryable transaction failure: prefixes of whole
 * segments ({@code /orders} holds {@code /orders} and {@code /orders/7}, not {@code /ordersx});
 * {@code /} holds every path. Immutable.
 */
public final class RetryPaths {
    /** No path retries. */
    public static final RetryPaths NONE = new RetryPaths(List.of());

    private final List<String> prefixes;

    private RetryPaths(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    /**
     * Reads a comma-separated list of path prefixes, such as {@code /orders, /cart}.
     *
     * @throws IllegalArgumentException when a prefix does not start with {@code /}
     */
    public static RetryPaths parse(String list) {
        List<String> prefixes = java.util.Arrays.stream(list.split(",")).map(String::strip)
                .filter(prefix -> !prefix.isEmpty()).map(RetryPaths::normalized).toList();
        return new RetryPaths(prefixes);
    }

    private static String normalized(String prefix) {
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("the path '" + prefix + "' does not start with '/'; write paths such as"
                    + " /orders, /cart");
        }
        String trimmed = prefix.endsWith("/*") ? prefix.substring(0, prefix.length() - 2) : prefix;
        while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        return trimmed;
    }

    /** Whether a request's path, within its web application, is under one of the prefixes. */
    public boolean holds(HttpServletRequest request) {
        if (prefixes.isEmpty()) return false;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String prefix : prefixes) {
            if (prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/")) return true;
        }
        return false;
    }
}
