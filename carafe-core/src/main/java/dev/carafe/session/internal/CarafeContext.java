package dev.carafe.session.internal;

import dev.carafe.observe.RecordedQuery;
import dev.carafe.observe.internal.ContextStatements;
import dev.carafe.session.ContextScope;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Carafe's {@link DbContext}: the session of one request or job, opened on first use, with the
 * request's query string for pagination and the statements recorded while it was open.
 */
public final class CarafeContext implements DbContext {
    private final Contexts contexts;
    private final ContextScope scope;
    private final boolean entered;
    private final Function<String, String> queryParameters;
    private final String tenant;
    private final Map<String, Object> attributes = new HashMap<>(4);
    private volatile ContextStatements statements;
    private BindSessions session;
    private boolean open = true;

    CarafeContext(Contexts contexts, ContextScope scope, boolean entered, Function<String, String> queryParameters,
            String tenant) {
        this.contexts = contexts;
        this.tenant = tenant;
        this.scope = scope;
        this.entered = entered;
        this.queryParameters = queryParameters;
    }

    @Override
    public Binding bind() {
        scope.enter(this);
        return new ScopeBinding(this);
    }

    @Override
    public Session session() {
        return sessions();
    }

    /**
     * Returns this context's session, typed for Carafe's own features.
     *
     * @return the session, opened on first use
     * @throws IllegalStateException when the context is closed
     */
    public BindSessions sessions() {
        if (!open) {
            throw new IllegalStateException("This Carafe context is closed. Open a new one with"
                    + " try (DbContext ctx = db.context()) { ... }.");
        }
        if (session == null) session = contexts.newSession(tenant);
        return session;
    }

    /**
     * Returns the query-string lookup of the request this context serves, for pagination.
     *
     * @return the lookup, or {@code null} outside a web request
     */
    public Function<String, String> queryParameters() {
        return queryParameters;
    }

    @Override
    public String tenant() {
        return tenant;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public List<RecordedQuery> recordedQueries() {
        ContextStatements recorded = statements;
        return recorded == null ? List.of() : recorded.recorded();
    }

    /**
     * Returns this context's statement log, created on first use, so a context whose engines
     * observe nothing allocates nothing for it.
     *
     * @return the log
     */
    public synchronized ContextStatements statements() {
        if (statements == null) statements = new ContextStatements();
        return statements;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean touchedDatabase() {
        return session != null && session.touchedAnyBind();
    }

    @Override
    public void close() {
        if (!open) return;
        open = false;
        try {
            if (session != null) session.close();
        } finally {
            if (entered) scope.exit(this);
            contexts.closed(this);
        }
    }

    @Override
    public String toString() {
        return "<DbContext " + (open ? "open" : "closed") + (tenant == null ? "" : " tenant=" + tenant) + (session == null ? "" : " " + session) + ">";
    }

    /** The binding {@link #bind()} returns. */
    private static final class ScopeBinding implements Binding {
        private final CarafeContext context;
        private boolean open = true;

        ScopeBinding(CarafeContext context) {
            this.context = context;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                context.scope.exit(context);
            }
        }
    }
}
