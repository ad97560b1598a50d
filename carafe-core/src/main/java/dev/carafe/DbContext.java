package dev.carafe;

import dev.carafe.internal.observe.ContextStatements;
import dev.carafe.internal.session.BindSessions;
import dev.carafe.observe.RecordedQuery;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A scope that owns one {@link Session}, Flask's application context for Carafe. Open it with
 * try-with-resources; closing it rolls back anything uncommitted and returns every connection to
 * its pool. The web plugins open one per request.
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
public final class DbContext implements AutoCloseable {
    private final Carafe carafe;
    private final ContextScope scope;
    private final Map<String, Object> attributes = new HashMap<>(4);
    private final boolean entered;
    private volatile ContextStatements statements;
    private BindSessions session;
    private Function<String, String> queryParameters;
    private boolean open = true;

    DbContext(Carafe carafe, ContextScope scope, boolean entered) {
        this.carafe = carafe;
        this.scope = scope;
        this.entered = entered;
    }

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
    public Binding bind() {
        scope.enter(this);
        return new Binding(this);
    }

    /**
     * Returns a supplier that runs {@code work} with this context bound to whichever thread runs it.
     *
     * @param work the work
     * @param <T> the result type
     * @return the wrapped work
     */
    public <T> Supplier<T> wrap(Supplier<T> work) {
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
    public Runnable wrap(Runnable work) {
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
    public Session session() {
        if (!open) {
            throw new IllegalStateException("This Carafe context is closed. Open a new one with"
                    + " try (DbContext ctx = db.context()) { ... }.");
        }
        if (session == null) {
            session = carafe.newSession();
        }
        return session;
    }

    /**
     * Returns a map for the application's per-context values, Flask's {@code g}.
     *
     * @return a mutable map that lives as long as the context
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * Sets where pagination reads {@code page} and {@code per_page} from: the web plugins pass the
     * current request's query-string lookup here.
     *
     * @param lookup returns a query parameter's value, or {@code null} when absent
     */
    public void queryParameters(Function<String, String> lookup) {
        this.queryParameters = lookup;
    }

    /**
     * Returns the current request's query-string lookup.
     *
     * @return the lookup, or {@code null} outside a request
     */
    public Function<String, String> queryParameters() {
        return queryParameters;
    }

    /**
     * Returns the statements this context executed, when {@code record-queries} is on.
     *
     * @return the recorded queries, in execution order; empty when recording is off
     */
    public List<RecordedQuery> recordedQueries() {
        ContextStatements recorded = statements;
        return recorded == null ? List.of() : recorded.recorded();
    }

    /** Created on first use, so a context whose engines observe nothing allocates nothing for it. */
    synchronized ContextStatements statements() {
        if (statements == null) statements = new ContextStatements();
        return statements;
    }

    /**
     * Tells whether the context is still open.
     *
     * @return false once closed
     */
    public boolean isOpen() {
        return open;
    }

    /**
     * Tells whether this context has used a bind (and so holds, or held, a connection).
     *
     * @return whether any bind was touched
     */
    public boolean touchedDatabase() {
        return session != null && session.touchedAnyBind();
    }

    /**
     * Returns the Carafe instance this context belongs to.
     *
     * @return the db object
     */
    public Carafe carafe() {
        return carafe;
    }

    /**
     * Rolls back whatever was not committed, closes every bind's session (returning its connection
     * to the pool) and restores the context that was current before. Closing twice does nothing.
     */
    @Override
    public void close() {
        if (!open) return;
        open = false;
        try {
            if (session != null) session.close();
        } finally {
            if (entered) scope.exit(this);
            carafe.contextClosed();
        }
    }

    /** A context made current on one thread by {@link #bind()}; closing it restores the previous one. */
    public static final class Binding implements AutoCloseable {
        private final DbContext context;
        private boolean open = true;

        private Binding(DbContext context) {
            this.context = context;
        }

        /** Restores the context that was current on this thread before. Closing twice does nothing. */
        @Override
        public void close() {
            if (open) {
                open = false;
                context.scope.exit(context);
            }
        }
    }

    @Override
    public String toString() {
        return "<DbContext " + (open ? "open" : "closed") + (session == null ? "" : " " + session) + ">";
    }
}
