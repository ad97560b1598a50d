package dev.carafe.session.internal;

import dev.carafe.session.DbContext;

/**
 * Told of every context opened and closed while it watches: a test's isolation, which reports the
 * contexts a test leaves open and where they were opened. Called on the thread that opens or
 * closes the context; implementations must be thread-safe.
 */
public interface ContextWatcher {

    /**
     * A context was opened.
     *
     * @param context the context
     * @param forRequest whether a web integration opened it for a request (with
     *     {@code db.requestContexts()}), rather than the application's own code
     */
    void opened(DbContext context, boolean forRequest);

    /**
     * A context was closed.
     *
     * @param context the context
     */
    void closed(DbContext context);
}
