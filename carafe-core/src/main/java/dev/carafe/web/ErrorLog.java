package dev.carafe.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what a web plugin answered with an {@link ErrorResponse}, on the {@code carafe.web} logger:
 * the exception's own message, which names what the client is not told (the bind, the pool's
 * counts, the constraint). 409 and 5xx answers log at WARN, in one line without the stack trace
 * (an outage answers many requests), and with it at DEBUG; 400 and 404 answers, the client's
 * mistakes, log at DEBUG. Thread-safe.
 */
public final class ErrorLog {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.web");

    private ErrorLog() {}

    /**
     * Logs one answered request.
     *
     * @param method the request's method
     * @param path the request's path
     * @param page what the client was sent
     * @param exception what the handler threw, or {@code null} when nothing did (a timeout)
     */
    public static void answered(String method, String path, ErrorResponse page, Throwable exception) {
        String cause = exception == null ? "" : ": " + exception;
        if (page.status() >= 409 && LOG.isWarnEnabled()) {
            LOG.warn("{} {} answered {} {}{}", method, path, page.status(), page.error(), cause);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} answered {} {}", method, path, page.status(), page.error(), exception);
        }
    }
}
