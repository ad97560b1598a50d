package dev.carafe.session;

import dev.carafe.observe.RecordedQuery;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A scope that owns one {@link Session}, Flask's application context for Carafe. Open it with
 * try-with-resources; closing it rolls back anything uncommitted and returns every connection to
 * its pool. The web plugins open one per request. Carafe makes contexts; applications do not
 * implement this.
 *
 * <pre>{@code
 * try (DbContext ctx = db.context()) {
 *     db.session().add(todo);
 *     db.session().commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: use a context from one thread at a time.
 */
public interface DbContext extends AutoCloseable {

    /**
     * Makes this context the current one on the calling thread until the returned binding is
     * closed: how work that continues on another thread (an async handler, an executor task)
     * reaches its request's context.
     *
     * <pre>{@code
     * DbContext request = db.currentContext();
     * executor.submit(() -> {
     *     try (var bound = request.bind()) {
     *         db.session().add(event);
     *     }
     * });
     * }</pre>
     *
     * @return the binding; close it on the same thread
     */
    Binding bind();

    /**
     * Returns the tenant this context works for ({@code db.forTenant(id)}, or the web plugins' resolver).
     *
     * @return the tenant's id, or {@code null} for a context without one
     */
    default String tenant() {
        return null;
    }

    /**
     * Returns a supplier that runs {@code work} with this context bound to whichever thread runs it.
     *
     * @param work the work
     * @param <T> the result type
     * @return the wrapped work
     */
    default <T> Supplier<T> wrap(Supplier<T> work) {
        return () -> {
            try (Binding ignored = bind()) {
                return work.get();
            }
        };
    }

    /**
     * Returns a runnable that runs {@code work} with this context bound to whichever thread runs it.
     *
     * @param work the work
     * @return the wrapped work
     */
    default Runnable wrap(Runnable work) {
        return () -> {
            try (Binding ignored = bind()) {
                work.run();
            }
        };
    }

    /**
     * Returns this context's session, opening it on first use (opening it takes no connection).
     *
     * @return the session
     * @throws IllegalStateException when the context is closed
     */
    Session session();

    /**
     * Returns a map for the application's per-context values, Flask's {@code g}.
     *
     * @return a mutable map that lives as long as the context
     */
    Map<String, Object> attributes();

    /**
     * Returns the statements this context executed, when {@code record-queries} is on.
     *
     * @return the recorded queries, in execution order; empty when recording is off
     */
    List<RecordedQuery> recordedQueries();

    /**
     * Tells whether the context is still open.
     *
     * @return false once closed
     */
    boolean isOpen();

    /**
     * Tells whether this context has used a bind (and so holds, or held, a connection).
     *
     * @return whether any bind was touched
     */
    boolean touchedDatabase();

    /**
     * Rolls back whatever was not committed, closes every bind's session (returning its connection
     * to the pool) and restores the context that was current before. Closing twice does nothing.
     */
    @Override
    void close();

    /** A context made current on one thread by {@link #bind()}; closing it restores the previous one. */
    interface Binding extends AutoCloseable {
        /** Restores the context that was current on this thread before. Closing twice does nothing. */
        @Override
        void close();
    }
}
