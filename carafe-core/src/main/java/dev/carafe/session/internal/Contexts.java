package dev.carafe.session.internal;

import dev.carafe.observe.internal.ContextStatements;
import dev.carafe.retry.internal.RetryPolicy;
import dev.carafe.session.ContextScope;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.web.RequestContexts;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Opens contexts, finds the current one and runs work in contexts and transactions: the feature
 * behind {@code db.context()}, {@code db.session()}, {@code db.withContext(...)} and
 * {@code db.inTransaction(...)}. Thread-safe.
 */
public final class Contexts implements RequestContexts {
    private final ContextScope scope;
    private final Function<String, BindSessions> sessions;
    private final UnaryOperator<String> tenants;
    private final RetryPolicy retries;
    private final AtomicInteger open = new AtomicInteger();
    private volatile ContextWatcher watcher;

    /**
     * Creates the feature.
     *
     * @param scope where the current context lives
     * @param sessions opens a new session for a context, given its tenant or {@code null}
     * @param tenants checks a context's tenant (its id, then that it exists) before the context opens
     * @param retries runs a transaction again after a conflict, when it has a context of its own
     */
    public Contexts(ContextScope scope, Function<String, BindSessions> sessions, UnaryOperator<String> tenants,
            RetryPolicy retries) {
        this.scope = scope;
        this.sessions = sessions;
        this.tenants = tenants;
        this.retries = retries;
    }

    /**
     * Opens a context and makes it the current one.
     *
     * @return the open context
     */
    public DbContext open() {
        return openFor(null);
    }

    /**
     * Opens a context for a tenant and makes it the current one.
     *
     * @param tenant the tenant's id, or {@code null} for none
     * @return the open context
     * @throws dev.carafe.tenant.InvalidTenantException for an id that breaks the rule, before any SQL
     * @throws dev.carafe.tenant.UnknownTenantException for a tenant that does not exist
     */
    public DbContext openFor(String tenant) {
        CarafeContext context = new CarafeContext(this, scope, true, null, tenant == null ? null : tenants.apply(tenant));
        scope.enter(context);
        opened(context, false);
        return context;
    }

    @Override
    public DbContext open(Function<String, String> queryParameters) {
        return open(queryParameters, null);
    }

    @Override
    public DbContext open(Function<String, String> queryParameters, String tenant) {
        CarafeContext context = new CarafeContext(this, scope, false, queryParameters,
                tenant == null ? null : tenants.apply(tenant));
        opened(context, true);
        return context;
    }

    private void opened(CarafeContext context, boolean forRequest) {
        open.incrementAndGet();
        ContextWatcher watching = watcher;
        if (watching != null) watching.opened(context, forRequest);
    }

    /**
     * Tells a watcher of every context opened and closed from now on, or stops telling.
     *
     * @param contextWatcher the watcher, or {@code null} for none
     */
    public void watch(ContextWatcher contextWatcher) {
        this.watcher = contextWatcher;
    }

    /**
     * Returns the current context.
     *
     * @return the innermost open context
     * @throws IllegalStateException when there is none, saying how to open one
     */
    public CarafeContext current() {
        CarafeContext context = currentOrNull();
        if (context == null) {
            throw new IllegalStateException("Working outside of application context.\n\nThis typically means that"
                    + " you used the database outside a request or a job. Open a context with"
                    + " try (DbContext ctx = db.context()) { ... }, or wrap the work in db.useContext(() -> ...)"
                    + " or db.inTransaction(session -> ...).");
        }
        return context;
    }

    /**
     * Returns the current context, or {@code null} when there is none.
     *
     * @return the innermost open context, or {@code null}
     */
    public CarafeContext currentOrNull() {
        // Every context in this scope is one of ours: only CarafeContext enters it.
        CarafeContext context = (CarafeContext) scope.current();
        return context != null && context.isOpen() ? context : null;
    }

    /**
     * Returns the current context's statement log, for the statement observers.
     *
     * @return the log, or {@code null} outside a context
     */
    public ContextStatements currentStatements() {
        CarafeContext context = (CarafeContext) scope.current();
        return context == null ? null : context.statements();
    }

    /**
     * Runs work inside a new context, closed (and rolled back where uncommitted) afterwards.
     *
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T withContext(Supplier<T> work) {
        try (DbContext ignored = open()) {
            return work.get();
        }
    }

    /**
     * Runs work in a transaction: commits when it returns, rolls back when it throws. It uses the
     * current context when there is one, else a new context around the work; in the latter case a
     * conflict or a connection lost before the commit runs the work again, in a fresh context, as
     * the retry policy allows. Inside an outer context the failure propagates: the outer context's
     * earlier work is part of the transaction, and only its owner can run it again.
     *
     * @param work the work, given the session
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T inTransaction(Function<Session, T> work) {
        if (currentOrNull() == null) return retries.run(() -> withContext(() -> inTransaction(work)));
        BindSessions session = current().sessions();
        // Inside a transaction block add() inserts at once, as JPA's persist does: the block may read a new id.
        boolean outerBlock = session.insertsAtOnce(true);
        T result;
        try {
            result = work.apply(session);
        } catch (RuntimeException | Error e) {
            session.insertsAtOnce(outerBlock);
            try {
                session.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        session.insertsAtOnce(outerBlock);
        session.commit();
        return result;
    }

    /**
     * Returns the policy that runs transactions again after a conflict.
     *
     * @return the retry policy
     */
    public RetryPolicy retries() {
        return retries;
    }

    /**
     * Returns the number of contexts opened and not yet closed, across all threads.
     *
     * @return the count of open contexts
     */
    public int openCount() {
        return open.get();
    }

    BindSessions newSession(String tenant) {
        return sessions.apply(tenant);
    }

    void closed(CarafeContext context) {
        open.decrementAndGet();
        ContextWatcher watching = watcher;
        if (watching != null) watching.closed(context);
    }
}
