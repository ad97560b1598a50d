package dev.carafe;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.internal.bind.BindRuntime;
import dev.carafe.internal.config.DatabaseUrl;
import dev.carafe.internal.engine.PoolFactory;
import dev.carafe.internal.model.ModelRegistry;
import dev.carafe.internal.model.PackageScanner;
import dev.carafe.internal.observe.ModelChangeListeners;
import dev.carafe.internal.observe.ModelChangeRecorder;
import dev.carafe.internal.schema.DeclaredTables;
import dev.carafe.internal.schema.Reflector;
import dev.carafe.internal.schema.SchemaTool;
import dev.carafe.internal.engine.BindConnectionProvider;
import dev.carafe.internal.observe.ApiCall;
import dev.carafe.internal.observe.ContextStatements;
import dev.carafe.internal.observe.MicrometerMetrics;
import dev.carafe.internal.observe.StatementObserver;
import dev.carafe.internal.query.CursorCodec;
import dev.carafe.internal.query.KeysetPaginator;
import dev.carafe.internal.query.PageArguments;
import dev.carafe.internal.query.SelectPageSource;
import dev.carafe.internal.session.BindSessions;
import dev.carafe.observe.ListenerRegistration;
import dev.carafe.observe.ModelChange;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.query.KeysetPage;
import dev.carafe.query.PageRequest;
import dev.carafe.query.Pagination;
import dev.carafe.query.Query;
import dev.carafe.query.Select;
import jakarta.persistence.metamodel.EntityType;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.Table;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.hibernate.SessionFactory;

/**
 * Carafe gives a Java application one {@code db} object that owns its connection pools, its
 * models, a session scoped to each request or job, and its schema: Flask-SQLAlchemy's
 * {@code SQLAlchemy} object, on Hibernate ORM and HikariCP.
 *
 * <pre>{@code
 * Carafe db = Carafe.builder()
 *     .databaseUrl("postgresql://app@localhost/app")
 *     .bind("auth", "sqlite:///auth.db")
 *     .models(Todo.class, User.class)
 *     .build();
 * db.createAll();
 * db.useTransaction(session -> session.add(new Todo("write docs")));
 * }</pre>
 *
 * <p>Thread-safe: build one instance at start-up, share it, and {@link #close()} it at shutdown.
 */
public final class Carafe implements AutoCloseable {
    private final CarafeConfig config;
    private final Map<String, Engine> engines;
    private final Map<String, BindRuntime> runtimes;
    private final ModelRegistry models;
    private final ContextScope scope;
    private final Map<String, List<Table>> reflected = new ConcurrentHashMap<>();
    private final AtomicInteger openContexts = new AtomicInteger();
    private final KeysetPaginator keysets;
    private final ModelChangeListeners modelChangeListeners;
    private final Runnable stopWatchingLocations;

    private Carafe(CarafeConfig config, Map<String, Engine> engines, Map<String, BindRuntime> runtimes,
            ModelRegistry models, ContextScope scope, byte[] cursorSecret, boolean watchLocations) {
        this.config = config;
        this.stopWatchingLocations = watchLocations ? ApiCall.watch() : () -> { };
        this.engines = Collections.unmodifiableMap(engines);
        this.runtimes = Collections.unmodifiableMap(runtimes);
        this.models = models;
        this.scope = scope;
        this.keysets = new KeysetPaginator(new CursorCodec(cursorSecret));
        this.modelChangeListeners = config.trackModifications() ? new ModelChangeListeners() : null;
    }

    /**
     * Starts configuring a Carafe instance in code.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a Carafe instance from a configuration, with the models of its {@code scan-packages}.
     *
     * @param config the configuration, for example {@link CarafeConfig#load()}
     * @return the db object
     * @throws ConfigException when the configuration is incomplete or wrong
     */
    public static Carafe fromConfig(CarafeConfig config) {
        return builder().config(config).build();
    }

    // ---- contexts and sessions ------------------------------------------------------------

    /**
     * Opens a context and makes it the current one; close it to roll back what was not committed
     * and return the connections. Contexts nest: the outer one is current again once the inner
     * one closes.
     *
     * @return the open context, for try-with-resources
     */
    public DbContext context() {
        DbContext context = new DbContext(this, scope, true);
        scope.enter(context);
        openContexts.incrementAndGet();
        return context;
    }

    /**
     * Opens a context that is not current on any thread: the web plugins open one per request
     * and {@linkplain DbContext#bind() bind} it wherever the request's work runs, so the context
     * belongs to the request rather than to a thread. Close it when the work is done.
     *
     * @return the open context
     */
    public DbContext detachedContext() {
        openContexts.incrementAndGet();
        return new DbContext(this, scope, false);
    }

    /**
     * Tells whether there is a current context.
     *
     * @return whether {@link #session()} can be called
     */
    public boolean hasContext() {
        DbContext context = scope.current();
        return context != null && context.isOpen();
    }

    /**
     * Returns the current context.
     *
     * @return the innermost open context
     * @throws IllegalStateException when there is none, saying how to open one
     */
    public DbContext currentContext() {
        DbContext context = scope.current();
        if (context == null || !context.isOpen()) {
            throw new IllegalStateException("Working outside of application context.\n\nThis typically means that"
                    + " you used the database outside a request or a job. Open a context with"
                    + " try (DbContext ctx = db.context()) { ... }, or wrap the work in db.useContext(() -> ...)"
                    + " or db.inTransaction(session -> ...).");
        }
        return context;
    }

    /**
     * Returns the current context's session.
     *
     * @return the session
     * @throws IllegalStateException outside a context, saying how to open one
     */
    public Session session() {
        return currentContext().session();
    }

    /**
     * Runs work inside a new context, closed (and rolled back where uncommitted) afterwards.
     *
     * @param work the work, which uses {@link #session()}
     */
    public void useContext(Runnable work) {
        DbContext context = context();
        try {
            work.run();
        } finally {
            context.close();
        }
    }

    /**
     * Runs work inside a new context and returns its result.
     *
     * @param work the work, which uses {@link #session()}
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T withContext(Supplier<T> work) {
        DbContext context = context();
        try {
            return work.get();
        } finally {
            context.close();
        }
    }

    /**
     * Runs work in a transaction: commits when it returns, rolls back when it throws. It uses the
     * current context when there is one (committing everything pending in its session), else a
     * new context around the work.
     *
     * @param work the work, given the session
     */
    public void useTransaction(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /**
     * Like {@link #useTransaction(Consumer)}, returning the work's result.
     *
     * @param work the work, given the session
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T inTransaction(Function<Session, T> work) {
        if (!hasContext()) {
            return withContext(() -> inTransaction(work));
        }
        Session session = session();
        T result;
        try {
            result = work.apply(session);
        } catch (RuntimeException | Error e) {
            try {
                session.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        session.commit();
        return result;
    }

    /**
     * Returns the number of contexts opened and not yet closed, across all threads: a diagnostic
     * for leak checks in tests.
     *
     * @return the count of open contexts
     */
    public int openContexts() {
        return openContexts.get();
    }

    BindSessions newSession() {
        ModelChangeRecorder changes = modelChangeListeners == null
                ? null
                : new ModelChangeRecorder(modelChangeListeners);
        return new BindSessions(this::runtime, models, Binds.DEFAULT, changes);
    }

    void contextClosed() {
        openContexts.decrementAndGet();
    }

    /**
     * Returns the statements the current context executed on any bind, in order, when
     * {@code record-queries} is on: Flask-SQLAlchemy's {@code get_recorded_queries()}.
     *
     * @return the recorded queries; empty outside a context or when recording is off
     */
    public List<RecordedQuery> recordedQueries() {
        DbContext context = scope.current();
        return context == null ? List.of() : context.recordedQueries();
    }

    // ---- modification tracking -----------------------------------------------------------

    /**
     * Registers a listener called at each commit that changed models, after every bind is flushed
     * and before any bind commits: Flask-SQLAlchemy's {@code before_models_committed}. It receives
     * each changed model once, in the order the session first saw its change, as an immutable list.
     * A listener that throws aborts the commit: every bind is rolled back and the exception
     * propagates from {@link Session#commit()}. Needs {@code track-modifications=true}.
     *
     * <pre>{@code
     * db.onBeforeModelsCommitted(changes -> changes.forEach(change -> audit.check(change)));
     * }</pre>
     *
     * @param listener called with the commit's changes, on the committing thread
     * @return the registration; close it to unregister the listener
     * @throws IllegalStateException when modification tracking is off
     */
    public ListenerRegistration onBeforeModelsCommitted(Consumer<List<ModelChange>> listener) {
        return trackingListeners().addBefore(listener);
    }

    /**
     * Registers a listener called after every bind of a commit that changed models has committed:
     * Flask-SQLAlchemy's {@code models_committed}. It receives the same list as the
     * {@linkplain #onBeforeModelsCommitted before-listeners}. A listener that throws is logged at
     * ERROR on {@code carafe.track} and the other listeners are still called: the data is committed.
     * Needs {@code track-modifications=true}.
     *
     * <pre>{@code
     * db.onModelsCommitted(changes -> changes.forEach(change -> searchIndex.update(change.model())));
     * }</pre>
     *
     * @param listener called with the commit's changes, on the committing thread
     * @return the registration; close it to unregister the listener
     * @throws IllegalStateException when modification tracking is off
     */
    public ListenerRegistration onModelsCommitted(Consumer<List<ModelChange>> listener) {
        return trackingListeners().addAfter(listener);
    }

    private ModelChangeListeners trackingListeners() {
        if (modelChangeListeners == null) {
            throw new IllegalStateException("Modification tracking is off, so this listener would never be called."
                    + " Turn it on with track-modifications=true (CARAFE_TRACK_MODIFICATIONS=true, or"
                    + " Carafe.builder().trackModifications(true)).");
        }
        return modelChangeListeners;
    }

    // ---- queries, 404 helpers and pagination ---------------------------------------------------

    /**
     * Starts a select of every row of a model.
     *
     * @param model a registered model class
     * @param <T> the model type
     * @return the select, to refine with {@code filterBy}, {@code orderBy}, {@code fetch}, ...
     */
    public <T> Select<T> select(Class<T> model) {
        return Select.of(entity(model));
    }

    /**
     * Starts a select from HQL, with named parameters bound by {@link Select#param}. A select of a
     * model runs on the model's bind; a select of plain values on the default bind (or
     * {@link Select#onBind}).
     *
     * @param hql the query, such as {@code "from Post p join fetch p.author where p.published"}
     * @param type the type of each row: a model, or a value type such as {@code Long.class}
     * @param <T> the row type
     * @return the select
     */
    public <T> Select<T> select(String hql, Class<T> type) {
        return Select.ofHql(hql, type, models.bindOf(type) == null ? null : entity(type));
    }

    /**
     * Starts a fluent query of a model, Flask-SQLAlchemy's {@code Model.query}.
     *
     * @param model a registered model class
     * @param <T> the model type
     * @return the query
     */
    public <T> Query<T> query(Class<T> model) {
        return new Query<>(this, select(model));
    }

    /**
     * Counts the rows of a select with Hibernate's count query, ignoring its limit, offset and order.
     *
     * @param select the select
     * @return the count
     */
    public long count(Select<?> select) {
        return new SelectPageSource<>(sessions(), select).count();
    }

    /**
     * Returns the model with this primary key, or raises a 404.
     *
     * @param model a registered model class
     * @param id the primary key; a string that is not a valid id also gives 404
     * @param <T> the model type
     * @return the model
     * @throws NotFoundException when there is none
     */
    public <T> T getOr404(Class<T> model, Object id) {
        return getOr404(model, id, null);
    }

    /**
     * Returns the model with this primary key, or raises a 404 with a description.
     *
     * @param model a registered model class
     * @param id the primary key
     * @param description shown to the client, or {@code null} for the default
     * @param <T> the model type
     * @return the model
     * @throws NotFoundException when there is none
     */
    public <T> T getOr404(Class<T> model, Object id, String description) {
        T found;
        try {
            found = session().get(model, id);
        } catch (IllegalArgumentException e) {
            if (models.bindOf(model) == null) throw e;
            throw new NotFoundException(description);
        }
        if (found == null) throw new NotFoundException(description);
        return found;
    }

    /**
     * Returns the first row of a select, or raises a 404 when there is none (or it is null).
     *
     * @param select the select
     * @param <T> the row type
     * @return the first row
     * @throws NotFoundException when there is none
     */
    public <T> T firstOr404(Select<T> select) {
        return firstOr404(select, null);
    }

    /**
     * Returns the first row of a select, or raises a 404 with a description.
     *
     * @param select the select
     * @param description shown to the client, or {@code null} for the default
     * @param <T> the row type
     * @return the first row
     */
    public <T> T firstOr404(Select<T> select, String description) {
        T first = session().execute(select).first();
        if (first == null) throw new NotFoundException(description);
        return first;
    }

    /**
     * Returns the only row of a select, or raises a 404 for none and for several.
     *
     * @param select the select
     * @param <T> the row type
     * @return the row
     */
    public <T> T oneOr404(Select<T> select) {
        return oneOr404(select, null);
    }

    /**
     * Returns the only row of a select, or raises a 404 with a description for none and for several.
     *
     * @param select the select
     * @param description shown to the client, or {@code null} for the default
     * @param <T> the row type
     * @return the row
     */
    public <T> T oneOr404(Select<T> select, String description) {
        try {
            T row = session().execute(select).oneOrNull();
            if (row == null) throw new NotFoundException(description);
            return row;
        } catch (jakarta.persistence.NonUniqueResultException e) {
            throw new NotFoundException(description);
        }
    }

    /**
     * Returns a page of a select, with page and per-page from the current request's query string
     * ({@code ?page=2&per_page=10}), else 1 and 20; at most 100 per page; bad arguments raise 404.
     *
     * @param select the select
     * @param <T> the row type
     * @return the page
     */
    public <T> Pagination<T> paginate(Select<T> select) {
        return paginate(select, PageRequest.defaults());
    }

    /**
     * Returns a page of a select. The items come from one query with limit and offset, the total
     * from Hibernate's count of the same query.
     *
     * @param select the select
     * @param request the pagination arguments
     * @param <T> the row type
     * @return the page
     * @throws NotFoundException with {@code errorOut}, for bad arguments or an empty page after the first
     */
    public <T> Pagination<T> paginate(Select<T> select, PageRequest request) {
        DbContext context = currentContext();
        BindSessions session = (BindSessions) context.session();
        return Pagination.of(new SelectPageSource<>(session, select), request, context.queryParameters());
    }

    /**
     * Returns the first keyset page of a select, or the page a cursor points at, with per-page
     * from the request's {@code per_page} (default 20, at most 100). The select's order is made
     * total by appending the primary key.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param <T> the model type
     * @return the page
     * @throws BadRequestException for a malformed or altered cursor
     */
    public <T> KeysetPage<T> paginateKeyset(Select<T> select, String cursor) {
        DbContext context = currentContext();
        PageArguments arguments = PageArguments.resolve(PageRequest.defaults().page(1), context.queryParameters());
        return paginateKeyset(select, cursor, arguments.perPage());
    }

    /**
     * Returns a keyset page with an explicit per-page.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param perPage the rows per page, from 1
     * @param <T> the model type
     * @return the page
     * @throws BadRequestException for a malformed or altered cursor
     */
    public <T> KeysetPage<T> paginateKeyset(Select<T> select, String cursor, int perPage) {
        if (perPage < 1) throw new IllegalArgumentException("perPage must be at least 1, got " + perPage + ".");
        BindSessions session = sessions();
        return keysets.page(session.sessionForSelect(select), select, cursor, perPage);
    }

    private BindSessions sessions() {
        return (BindSessions) session();
    }

    private <T> EntityType<T> entity(Class<T> model) {
        return sessionFactory(bindOf(model)).getMetamodel().entity(model);
    }

    // ---- engines ---------------------------------------------------------------------------

    /**
     * Returns the default bind's engine.
     *
     * @return the engine of {@link Binds#DEFAULT}
     * @throws IllegalStateException when only other binds are configured
     */
    public Engine engine() {
        Engine engine = engines.get(Binds.DEFAULT);
        if (engine == null) {
            throw new IllegalStateException("There is no default engine: 'database-url' is not set. Use"
                    + " db.engine(key) for one of " + engines.keySet() + ", or set database-url.");
        }
        return engine;
    }

    /**
     * Returns a bind's engine.
     *
     * @param bindKey a configured bind key
     * @return the engine
     * @throws IllegalArgumentException for a bind that is not configured
     */
    public Engine engine(String bindKey) {
        Engine engine = engines.get(bindKey);
        if (engine == null) throw unknownBind(bindKey);
        return engine;
    }

    /**
     * Returns every engine by bind key, the default bind first.
     *
     * @return an ordered, immutable map
     */
    public Map<String, Engine> engines() {
        return engines;
    }

    /**
     * Returns a bind's Hibernate session factory, for what Carafe does not wrap.
     *
     * @param bindKey a configured bind key
     * @return the session factory
     */
    public SessionFactory sessionFactory(String bindKey) {
        return runtime(bindKey).sessionFactory();
    }

    /**
     * Returns the bind a model lives on.
     *
     * @param model a registered model class
     * @return its bind key
     * @throws IllegalArgumentException for a class that is not a registered model
     */
    public String bindOf(Class<?> model) {
        String bind = models.bindOf(model);
        if (bind == null) {
            throw new IllegalArgumentException("'" + model.getName() + "' is not a model of this Carafe instance.");
        }
        return bind;
    }

    /**
     * Returns the registered models.
     *
     * @return an immutable set, in registration order
     */
    public Set<Class<?>> models() {
        return Collections.unmodifiableSet(models.models());
    }

    /**
     * Returns the configuration this instance was built from.
     *
     * @return the configuration
     */
    public CarafeConfig config() {
        return config;
    }

    private BindRuntime runtime(String bindKey) {
        BindRuntime runtime = runtimes.get(bindKey);
        if (runtime == null) throw unknownBind(bindKey);
        return runtime;
    }

    private IllegalArgumentException unknownBind(String bindKey) {
        String hint = Binds.DEFAULT.equals(bindKey) ? "'database-url' is not set. " : "";
        return new IllegalArgumentException(hint + "Bind key '" + bindKey + "' is not configured. Configured binds: "
                + engines.keySet() + ".");
    }

    // ---- schema ----------------------------------------------------------------------------

    /**
     * Creates the missing tables of the given binds' models (every bind when none is given);
     * existing tables are left exactly as they are.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     */
    public void createAll(String... bindKeys) {
        for (String bind : selectBinds(bindKeys)) SchemaTool.createMissing(runtime(bind));
    }

    /**
     * Drops the tables of the given binds' models (every bind when none is given); tables of
     * other binds and tables no model maps are not touched.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     */
    public void dropAll(String... bindKeys) {
        for (String bind : selectBinds(bindKeys)) SchemaTool.drop(runtime(bind));
    }

    /**
     * Reads the existing tables of the given binds (every bind when none is given) into their
     * {@link #metadata(String)}: columns with type, nullability, default and primary key, foreign
     * keys, indexes and unique constraints.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     */
    public void reflect(String... bindKeys) {
        for (String bind : selectBinds(bindKeys)) {
            reflected.put(bind, SchemaTool.withConnection(runtime(bind), Reflector::reflect));
        }
    }

    /**
     * Returns the default bind's tables.
     *
     * @return the metadata of {@link Binds#DEFAULT}
     */
    public Metadata metadata() {
        return metadata(Binds.DEFAULT);
    }

    /**
     * Returns a bind's tables: those of its models, and those found by the last {@link #reflect}.
     *
     * @param bindKey a configured bind key
     * @return the bind's metadata
     */
    public Metadata metadata(String bindKey) {
        Map<String, Table> tables = new TreeMap<>();
        for (Table table : DeclaredTables.of(runtime(bindKey).mapping())) {
            tables.put(table.name().toLowerCase(Locale.ROOT), table);
        }
        for (Table table : reflected.getOrDefault(bindKey, List.of())) {
            String name = table.name().toLowerCase(Locale.ROOT);
            boolean declared = tables.containsKey(name);
            tables.put(name, new Table(table.name(), table.columns(), table.primaryKey(), table.foreignKeys(),
                    table.indexes(), declared, true));
        }
        return new Metadata(bindKey, new ArrayList<>(tables.values()));
    }

    private List<String> selectBinds(String... bindKeys) {
        if (bindKeys.length == 0) return new ArrayList<>(runtimes.keySet());
        List<String> selected = new ArrayList<>();
        for (String bind : new LinkedHashSet<>(Arrays.asList(bindKeys))) {
            runtime(bind);
            selected.add(bind);
        }
        return selected;
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Closes every session factory and pool. Open contexts should be closed first. */
    @Override
    public void close() {
        stopWatchingLocations.run();
        RuntimeException failure = null;
        for (BindRuntime runtime : runtimes.values()) {
            try {
                runtime.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        for (Engine engine : engines.values()) {
            shutdownInMemoryH2(engine);
            engine.hikari().close();
        }
        if (failure != null) throw failure;
    }

    private static void shutdownInMemoryH2(Engine engine) {
        // DB_CLOSE_DELAY=-1 keeps an in-memory H2 database alive for the JVM; end it with its engine.
        if (engine.kind() != dev.carafe.internal.config.DatabaseKind.H2 || !engine.databaseUrl().inMemory()
                || engine.hikari().getHikariPoolMXBean() == null) {
            return;
        }
        try (var connection = engine.hikari().getConnection(); var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (java.sql.SQLException | RuntimeException e) {
            // The database is going away either way.
        }
    }

    /**
     * Describes the instance as {@code <Carafe postgresql://app:***@db/app +2 engines>}; passwords
     * are always masked.
     */
    @Override
    public String toString() {
        Engine main = engines.get(Binds.DEFAULT);
        int others = engines.size() - (main == null ? 0 : 1);
        String text = main == null ? "(No default engine)" : main.url();
        return "<Carafe " + text + (others > 0 ? " +" + others + " engines" : "") + ">";
    }

    /** Configures and builds a {@link Carafe}; not thread-safe. */
    public static final class Builder {
        private final CarafeConfig.Builder config = CarafeConfig.builder();
        private final List<Class<?>> modelClasses = new ArrayList<>();
        private final List<String> packages = new ArrayList<>();
        private final Map<String, Object> hibernateSettings = new LinkedHashMap<>();
        private ContextScope scope = ContextScope.threadBound();
        private String cursorSecret;
        private MicrometerMetrics metrics;

        private Builder() {}

        /**
         * Starts from a configuration; later builder calls override its keys.
         *
         * @param configuration the configuration, for example {@link CarafeConfig#load()}
         * @return this builder
         */
        public Builder config(CarafeConfig configuration) {
            config.from(configuration);
            return this;
        }

        /**
         * Sets the default bind's URL ({@code database-url}).
         *
         * @param url a SQLAlchemy-style ({@code postgresql://user@host/db}) or {@code jdbc:} URL
         * @return this builder
         */
        public Builder databaseUrl(String url) {
            config.databaseUrl(url);
            return this;
        }

        /**
         * Adds a bind by URL ({@code binds.<key>}).
         *
         * @param key the key models name in {@link BindKey}
         * @param url a SQLAlchemy-style or {@code jdbc:} URL
         * @return this builder
         */
        public Builder bind(String key, String url) {
            config.bind(key, url);
            return this;
        }

        /**
         * Adds a bind with options that include its URL.
         *
         * @param key the key models name in {@link BindKey}
         * @param options the bind's engine options
         * @return this builder
         */
        public Builder bind(String key, EngineOptions options) {
            config.bind(key, options);
            return this;
        }

        /**
         * Sets the default bind's engine options ({@code engine-options}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder engineOptions(EngineOptions options) {
            config.engineOptions(options);
            return this;
        }

        /**
         * Sets engine options for every bind ({@code engine-defaults}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder engineDefaults(EngineOptions options) {
            config.engineDefaults(options);
            return this;
        }

        /**
         * Logs every statement on {@code carafe.sql} ({@code echo}).
         *
         * @param echo whether to log
         * @return this builder
         */
        public Builder echo(boolean echo) {
            config.echo(echo);
            return this;
        }

        /**
         * Records each context's statements ({@code record-queries}).
         *
         * @param recordQueries whether to record
         * @return this builder
         */
        public Builder recordQueries(boolean recordQueries) {
            config.recordQueries(recordQueries);
            return this;
        }

        /**
         * Sets what N+1 detection does ({@code n-plus-one}): off (the default), warn or raise.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder nPlusOne(NPlusOneMode mode) {
            config.nPlusOne(mode);
            return this;
        }

        /**
         * Sets how many runs of one statement from one line count as N+1 ({@code n-plus-one-threshold}, default 10).
         *
         * @param threshold at least 2
         * @return this builder
         */
        public Builder nPlusOneThreshold(int threshold) {
            config.nPlusOneThreshold(threshold);
            return this;
        }

        /**
         * Logs statements slower than this, with their location ({@code slow-query-threshold}; zero turns it off).
         *
         * @param threshold zero or more
         * @return this builder
         */
        public Builder slowQueryThreshold(Duration threshold) {
            config.slowQueryThreshold(threshold);
            return this;
        }

        /**
         * Signals the models each commit changed ({@code track-modifications}).
         *
         * @param trackModifications whether to track
         * @return this builder
         */
        public Builder trackModifications(boolean trackModifications) {
            config.trackModifications(trackModifications);
            return this;
        }

        /**
         * Sets the folder for relative SQLite and H2 files ({@code instance-path}).
         *
         * @param instancePath the folder
         * @return this builder
         */
        public Builder instancePath(Path instancePath) {
            config.instancePath(instancePath);
            return this;
        }

        /**
         * Registers model classes; each must be a Jakarta Persistence {@code @Entity}.
         *
         * @param models the model classes
         * @return this builder
         */
        public Builder models(Class<?>... models) {
            modelClasses.addAll(Arrays.asList(models));
            return this;
        }

        /**
         * Registers every {@code @Entity} class of the packages and their sub-packages, found in
         * directories and jars of the context class loader; a package without any makes
         * {@link #build()} fail, as a misspelt name would.
         *
         * @param packageNames package names such as {@code com.example.models}
         * @return this builder
         */
        public Builder scan(String... packageNames) {
            packages.addAll(Arrays.asList(packageNames));
            return this;
        }

        /**
         * Sets where the current context lives; the web plugins set a request-bound scope.
         *
         * @param contextScope the scope
         * @return this builder
         */
        public Builder scope(ContextScope contextScope) {
            this.scope = Objects.requireNonNull(contextScope, "contextScope");
            return this;
        }

        /**
         * Sets the secret that signs keyset cursors, so cursors stay valid across restarts and
         * across the instances of a cluster. Without one, a random secret is made at start-up and
         * cursors are valid for the life of the process.
         *
         * @param secret at least 16 characters, kept out of source control
         * @return this builder
         */
        public Builder cursorSecret(String secret) {
            if (secret == null || secret.length() < 16) {
                throw new ConfigException("cursorSecret must have at least 16 characters.");
            }
            this.cursorSecret = secret;
            return this;
        }

        private byte[] cursorSecret() {
            if (cursorSecret != null) return cursorSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            return random;
        }

        /**
         * Publishes metrics to Micrometer: each pool's HikariCP metrics and a {@code carafe.statements}
         * timer per bind. Needs {@code io.micrometer:micrometer-core} on the classpath.
         *
         * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
         * @return this builder
         */
        public Builder meterRegistry(Object registry) {
            try {
                this.metrics = new MicrometerMetrics(Objects.requireNonNull(registry, "registry"));
            } catch (ClassCastException | NoClassDefFoundError e) {
                throw new ConfigException("meterRegistry(...) takes an io.micrometer.core.instrument.MeterRegistry; add"
                        + " io.micrometer:micrometer-core to your build. Got: " + registry.getClass().getName());
            }
            return this;
        }

        /**
         * Passes a setting to every bind's Hibernate session factory, for what Carafe does not
         * configure itself.
         *
         * @param name a Hibernate setting, such as {@code hibernate.jdbc.fetch_size}
         * @param value its value
         * @return this builder
         */
        public Builder hibernateSetting(String name, Object value) {
            hibernateSettings.put(name, value);
            return this;
        }

        /**
         * Validates the configuration, creates the engines (without connecting) and maps the models.
         *
         * @return the db object
         * @throws ConfigException when the configuration is incomplete or wrong
         */
        public Carafe build() {
            CarafeConfig built = config.build();
            Map<String, EngineOptions> options = built.resolvedEngines();
            List<Class<?>> allModels = new ArrayList<>(modelClasses);
            List<String> allPackages = new ArrayList<>(built.scanPackages());
            allPackages.addAll(packages);
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            for (String packageName : allPackages) {
                List<Class<?>> found = PackageScanner.entities(packageName, loader);
                if (found.isEmpty()) {
                    throw new ConfigException("Package '" + packageName + "' holds no @Entity classes. Check the"
                            + " name given to scan(...) or scan-packages; in a jar, a package is only found when"
                            + " the jar has directory entries (Maven's and Gradle's default).");
                }
                allModels.addAll(found);
            }
            ModelRegistry registry = ModelRegistry.of(allModels, options.keySet());

            Map<String, Engine> engines = new LinkedHashMap<>();
            Map<String, BindRuntime> runtimes = new LinkedHashMap<>();
            StatementObserver.Settings observeAll = new StatementObserver.Settings(built.recordQueries(), false,
                    built.nPlusOne(), built.nPlusOneThreshold(), built.slowQueryThreshold());
            try {
                for (Map.Entry<String, EngineOptions> entry : options.entrySet()) {
                    String key = entry.getKey();
                    DatabaseUrl url = DatabaseUrl.parse(built.urlKey(key), entry.getValue().url(), built.instancePath());
                    HikariDataSource pool = PoolFactory.create(key, url, entry.getValue());
                    boolean echo = Boolean.TRUE.equals(entry.getValue().echo());
                    boolean echoPool = Boolean.TRUE.equals(entry.getValue().echoPool());
                    engines.put(key, new Engine(key, url, pool, echo, echoPool));
                    if (metrics != null) metrics.instrument(pool);
                    StatementObserver.Settings observe = observeAll.withEcho(echo);
                    DataSource connections = pool;
                    if (observe.anyOn() || metrics != null) {
                        StatementObserver observer = new StatementObserver(key, this::currentStatements, observe, metrics);
                        connections = ProxyDataSourceBuilder.create("carafe-" + key, pool).listener(observer).build();
                    }
                    BindConnectionProvider provider = new BindConnectionProvider(key, url.displayUrl(), pool, connections,
                            echoPool);
                    runtimes.put(key, BindRuntime.bootstrap(key, url, provider,
                            registry.modelsByBind().getOrDefault(key, List.of()), hibernateSettings));
                }
            } catch (RuntimeException e) {
                runtimes.values().forEach(BindRuntime::close);
                engines.values().forEach(engine -> engine.hikari().close());
                throw e;
            }
            return new Carafe(built, engines, runtimes, registry, scope, cursorSecret(), observeAll.needsLocation());
        }

        private ContextStatements currentStatements() {
            DbContext context = scope.current();
            return context == null ? null : context.statements();
        }
    }
}
