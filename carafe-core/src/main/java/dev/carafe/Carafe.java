package dev.carafe;

import dev.carafe.bind.Binds;
import dev.carafe.bind.Engine;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.ConfigBuilder;
import dev.carafe.config.ConfigException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.isolation.Isolation;
import dev.carafe.isolation.internal.Isolations;
import dev.carafe.model.internal.ModelRegistry;
import dev.carafe.observe.ListenerRegistration;
import dev.carafe.observe.ModelChange;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.observe.internal.ModelChangeListeners;
import dev.carafe.observe.internal.MicrometerMetrics;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.PageSource;
import dev.carafe.pagination.Pagination;
import dev.carafe.pagination.internal.Paginator;
import dev.carafe.query.Select;
import dev.carafe.query.internal.Selects;
import dev.carafe.replica.ReplicaReads;
import dev.carafe.replica.internal.SignedReplicaReads;
import dev.carafe.retry.TransactionRetries;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.MigrationException;
import dev.carafe.migrate.internal.Migrations;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.SchemaDriftException;
import dev.carafe.schema.SchemaException;
import dev.carafe.schema.internal.Schemas;
import dev.carafe.session.ContextScope;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.session.internal.CarafeContext;
import dev.carafe.session.internal.Contexts;
import dev.carafe.tenant.Tenant;
import dev.carafe.tenant.Tenants;
import dev.carafe.tenant.internal.TenantHandle;
import dev.carafe.tenant.internal.TenantRegistry;
import dev.carafe.session.internal.RowLookups;
import dev.carafe.web.RequestContexts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * <p>This class only hands each call to the feature that does the work: contexts and transactions,
 * queries and the 404 helpers, pagination, schema management, modification tracking, the binds.
 *
 * <p>Thread-safe: build one instance at start-up, share it, and {@link #close()} it at shutdown.
 */
public final class Carafe implements AutoCloseable {
    private final CarafeConfig config;
    private final BindSet binds;
    private final ModelRegistry models;
    private final Contexts contexts;
    private final Selects selects;
    private final RowLookups lookups;
    private final Paginator pages;
    private final Schemas schemas;
    private final Migrations migrations;
    private final ModelChangeListeners tracking;
    private final Isolations isolations;
    private final Runnable stopWatchingLocations;
    private final ReplicaReads replicaReads;
    private final TenantRegistry tenants;

    Carafe(CarafeConfig config, BindSet binds, ModelRegistry models, Contexts contexts, ModelChangeListeners tracking,
            Isolations isolations, byte[] cursorSecret, Runnable stopWatchingLocations, TenantRegistry tenants) {
        this.config = config;
        this.binds = binds;
        this.models = models;
        this.contexts = contexts;
        this.selects = new Selects(binds, models);
        this.lookups = new RowLookups(contexts, models);
        this.pages = new Paginator(contexts, cursorSecret);
        this.replicaReads = new SignedReplicaReads(binds, cursorSecret);
        this.schemas = new Schemas(binds);
        this.migrations = new Migrations(binds, schemas, config.migrationsPath());
        this.tracking = tracking;
        this.isolations = isolations;
        this.stopWatchingLocations = stopWatchingLocations;
        this.tenants = tenants;
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
        return contexts.open();
    }

    /**
     * Tells whether there is a current context.
     *
     * @return whether {@link #session()} can be called
     */
    public boolean hasContext() {
        return contexts.currentOrNull() != null;
    }

    /**
     * Returns the current context.
     *
     * @return the innermost open context
     * @throws IllegalStateException when there is none, saying how to open one
     */
    public DbContext currentContext() {
        return contexts.current();
    }

    /**
     * Returns the current context's session.
     *
     * @return the session
     * @throws IllegalStateException outside a context, saying how to open one
     */
    public Session session() {
        return contexts.current().session();
    }

    /**
     * Runs work inside a new context and returns its result; the context is closed (and rolled
     * back where uncommitted) afterwards.
     *
     * @param work the work, which uses {@link #session()}
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T withContext(Supplier<T> work) {
        return contexts.withContext(work);
    }

    /**
     * Runs work inside a new context, closed (and rolled back where uncommitted) afterwards.
     *
     * @param work the work, which uses {@link #session()}
     */
    public void useContext(Runnable work) {
        withContext(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs work in a transaction and returns its result: commits when it returns, rolls back when
     * it throws. It uses the current context when there is one (committing everything pending in
     * its session), else a new context around the work. In a context of its own, a deadlock, a
     * serialization failure, a cluster's certification conflict or a connection lost before the
     * commit runs the work again in a fresh context, up to {@code transaction-retries} times (see
     * {@link #transactionRetries()}); inside an outer context such a failure propagates.
     *
     * @param work the work, given the session; it may run more than once
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T inTransaction(Function<Session, T> work) {
        return contexts.inTransaction(work);
    }

    /**
     * Like {@link #inTransaction(Function)}, for work that returns nothing.
     *
     * @param work the work, given the session
     */
    public void useTransaction(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    // ---- tenants --------------------------------------------------------------------------

    /**
     * Returns one tenant's contexts, for background jobs and scripts: {@code db.forTenant("acme").useContext(...)}.
     * The id is checked now, before any SQL; that the tenant exists, as each context opens.
     *
     * @param tenant the tenant's id
     * @return the tenant
     * @throws dev.carafe.tenant.InvalidTenantException for an id that breaks {@link dev.carafe.tenant.TenantIds}' rule
     */
    public Tenant forTenant(String tenant) {
        return new TenantHandle(tenant, contexts, tenants);
    }

    /**
     * Returns the tenants, to create, drop and list them at run time (see docs/tenancy.md).
     *
     * @return the tenants of this instance
     */
    public Tenants tenants() {
        return tenants;
    }

    /**
     * Returns the policy that runs transactions again after a conflict: the one
     * {@link #inTransaction(Function)} and the web plugins' opted-in routes use, with its count of
     * retries so far.
     *
     * @return the retry policy of this instance
     */
    public TransactionRetries transactionRetries() {
        return contexts.retries();
    }

    /**
     * Returns what the web integrations open each request's context with: the Javalin plugin, the
     * servlet filter, or an integration of your own with another framework.
     *
     * @return the request contexts of this instance
     */
    public RequestContexts requestContexts() {
        return contexts;
    }

    /**
     * Returns what the web integrations use for read-your-writes on binds with read replicas: a
     * signed token of the primary's position after a commit that wrote, which a later request hands
     * back (see docs/replicas.md).
     *
     * @return the replica reads of this instance
     */
    public ReplicaReads replicaReads() {
        return replicaReads;
    }

    /**
     * Returns the number of contexts opened and not yet closed, across all threads: a diagnostic
     * for leak checks in tests.
     *
     * @return the count of open contexts
     */
    public int openContexts() {
        return contexts.openCount();
    }

    /**
     * Returns the statements the current context executed on any bind, in order, when
     * {@code record-queries} is on: Flask-SQLAlchemy's {@code get_recorded_queries()}.
     *
     * @return the recorded queries; empty outside a context or when recording is off
     */
    public List<RecordedQuery> recordedQueries() {
        CarafeContext context = contexts.currentOrNull();
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
        return tracking.addBefore(listener);
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
        return tracking.addAfter(listener);
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
        return selects.select(model);
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
        return selects.select(hql, type);
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
     * Counts the rows of a select with one count query, ignoring its limit, offset and order.
     *
     * @param select the select
     * @return the count
     */
    public long count(Select<?> select) {
        return contexts.current().sessions().count(select);
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
        return lookups.getOr404(model, id, description);
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
     * @throws NotFoundException when there is none
     */
    public <T> T firstOr404(Select<T> select, String description) {
        return lookups.firstOr404(select, description);
    }

    /**
     * Returns the only row of a select, or raises a 404 for none and for several.
     *
     * @param select the select
     * @param <T> the row type
     * @return the row
     * @throws NotFoundException when there is not exactly one row
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
     * @throws NotFoundException when there is not exactly one row
     */
    public <T> T oneOr404(Select<T> select, String description) {
        return lookups.oneOr404(select, description);
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
     * from one count query of the same rows.
     *
     * @param select the select
     * @param request the pagination arguments; page and per-page left unset come from the request
     * @param <T> the row type
     * @return the page
     * @throws NotFoundException with {@code errorOut}, for bad arguments or an empty page after the first
     */
    public <T> Pagination<T> paginate(Select<T> select, PageRequest request) {
        return pages.page(select, request);
    }

    /**
     * Returns a page of any source of rows, with page and per-page left unset in the request read
     * from the current request's query string.
     *
     * @param source the rows
     * @param request the pagination arguments
     * @param <T> the row type
     * @return the page
     * @throws NotFoundException with {@code errorOut}, for bad arguments or an empty page after the first
     */
    public <T> Pagination<T> paginate(PageSource<T> source, PageRequest request) {
        return pages.page(source, request);
    }

    /**
     * Returns the first keyset page of a select, or the page a cursor points at. A cursor carries
     * its rows per page, so a client sends only the cursor; the first page takes them from the
     * request's {@code per_page} (default 20, at most 100), and a {@code per_page} sent with a
     * cursor must be the cursor's. The select's order is made total by appending the primary key.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param <T> the model type
     * @return the page
     * @throws BadRequestException for a malformed or altered cursor, a cursor of another query
     *     (model, filters and their values, order) or of another page size
     */
    public <T> KeysetPage<T> paginateKeyset(Select<T> select, String cursor) {
        return pages.keyset(select, cursor);
    }

    /**
     * Returns a keyset page with an explicit per-page, which does not read the request.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param perPage the rows per page, from 1
     * @param <T> the model type
     * @return the page
     * @throws BadRequestException for a malformed or altered cursor, a cursor of another query
     *     (model, filters and their values, order) or one made for another {@code perPage}
     */
    public <T> KeysetPage<T> paginateKeyset(Select<T> select, String cursor, int perPage) {
        return pages.keyset(select, cursor, perPage);
    }

    // ---- engines, binds and models -------------------------------------------------------------

    /**
     * Returns the default bind's engine.
     *
     * @return the engine of {@link Binds#DEFAULT}
     * @throws IllegalStateException when only other binds are configured
     */
    public Engine engine() {
        return binds.defaultBind();
    }

    /**
     * Returns a bind's engine.
     *
     * @param bindKey a configured bind key
     * @return the engine
     * @throws IllegalArgumentException for a bind that is not configured
     */
    public Engine engine(String bindKey) {
        return binds.get(bindKey);
    }

    /**
     * Returns every engine by bind key, the default bind first.
     *
     * @return an ordered, immutable map
     */
    public Map<String, Engine> engines() {
        return binds.engines();
    }

    /**
     * Returns a bind's Hibernate session factory, for what Carafe does not wrap.
     *
     * @param bindKey a configured bind key
     * @return the session factory
     */
    public SessionFactory sessionFactory(String bindKey) {
        return binds.get(bindKey).sessionFactory();
    }

    /**
     * Returns the bind a model lives on.
     *
     * @param model a registered model class
     * @return its bind key
     * @throws IllegalArgumentException for a class that is not a registered model
     */
    public String bindOf(Class<?> model) {
        return selects.bindOf(model);
    }

    /**
     * Returns the registered models.
     *
     * @return an immutable set, in registration order
     */
    public Set<Class<?>> models() {
        return models.models();
    }

    /**
     * Returns the configuration this instance was built from.
     *
     * @return the configuration
     */
    public CarafeConfig config() {
        return config;
    }

    // ---- schema ----------------------------------------------------------------------------

    /**
     * Creates the missing tables of the given binds' models (every bind when none is given);
     * existing tables are left exactly as they are. Every bind is attempted, even after one fails.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     * @throws SchemaException when some of several binds failed: the message names each failure by
     *     bind, and the other binds' tables were created
     */
    public void createAll(String... bindKeys) {
        schemas.createAll(bindKeys);
    }

    /**
     * Drops the tables of the given binds' models (every bind when none is given); tables of
     * other binds and tables no model maps are not touched. Every bind is attempted, even after one
     * fails.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     * @throws SchemaException when some of several binds failed: the message names each failure by
     *     bind, and the other binds' tables were dropped
     */
    public void dropAll(String... bindKeys) {
        schemas.dropAll(bindKeys);
    }

    /**
     * Empties the tables of the given binds' models (every bind when none is given), children
     * before parents, and restarts their identity columns: faster than {@link #dropAll} and
     * {@link #createAll}, for tests that start from empty tables. Each database's quickest way is
     * used (PostgreSQL's {@code truncate ... restart identity}, say). Tables that do not exist are
     * skipped; sequences keep counting, as Hibernate holds blocks of their values.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     */
    public void reset(String... bindKeys) {
        schemas.reset(bindKeys);
    }

    /**
     * Reads the existing tables of the given binds (every bind when none is given) into their
     * {@link #metadata(String)}: columns with type, nullability, default and primary key, foreign
     * keys, indexes and unique constraints.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     */
    public void reflect(String... bindKeys) {
        schemas.reflect(bindKeys);
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
        return schemas.metadata(bindKey);
    }

    /**
     * Compares the models of the given binds (every bind when none is given) with their live
     * schemas: missing tables, columns, indexes and foreign keys, columns whose type or
     * nullability differs, and what the database has that no model declares.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     * @return the differences, bind by bind, table by table; empty when the schema matches
     */
    public List<SchemaDifference> schemaDifferences(String... bindKeys) {
        return schemas.differences(bindKeys);
    }

    /**
     * Fails when the models of the given binds (every bind when none is given) differ from their
     * live schemas: a check for start-up and for CI.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     * @throws SchemaDriftException naming each difference (table, column, both types) and the fix
     */
    public void checkSchema(String... bindKeys) {
        schemas.check(bindKeys);
    }

    // ---- migrations ------------------------------------------------------------------------

    /**
     * Applies the pending migrations of the given binds (every bind when none is given) with
     * Flyway: {@code db/migration} on the classpath for the default bind, {@code db/migration/<bind>}
     * for the others (or the folder {@code migrations-path} names). Each bind keeps its history in
     * its own table; Flyway's lock lets several instances upgrade at once.
     *
     * @param bindKeys bind keys, {@link Binds#DEFAULT} included; none means every bind
     * @return the migrations applied, in order; empty when there was none to apply
     * @throws MigrationException when a migration fails, naming the file, the database's error and the fix
     * @throws ConfigException when Flyway (or its module for the database) is not on the classpath
     */
    public List<Migration> migrate(String... bindKeys) {
        return migrations.migrate(bindKeys);
    }

    /**
     * Lists a bind's migrations: those applied, with when, then those pending.
     *
     * @param bindKey a configured bind key
     * @return the migrations, oldest first
     */
    public List<Migration> migrations(String bindKey) {
        return migrations.history(bindKey);
    }

    /**
     * Writes the next migration of a bind from the differences between its models and its
     * database, in that database's dialect: Alembic's autogenerate. Drops are written commented out.
     *
     * <pre>{@code
     * db.writeMigration(Binds.DEFAULT, "add email to user", Path.of("src/main/resources/db/migration"));
     * }</pre>
     *
     * @param bindKey a configured bind key
     * @param message what the migration does; it names the file ({@code V3__add_email_to_user.sql})
     * @param directory the bind's migration folder; its sub-folder named after the database
     *     ({@code postgresql}, ...) is used when it exists
     * @return the file written, or empty when the database already matches the models
     * @throws MigrationException when the bind has migrations not yet applied
     */
    public Optional<Path> writeMigration(String bindKey, String message, Path directory) {
        return migrations.write(bindKey, message, directory);
    }

    /**
     * Marks a bind's database, made before it had migrations (by {@link #createAll} or by hand), as
     * being at a version: the migrations up to it count as applied. Flyway's baseline.
     *
     * @param bindKey a configured bind key
     * @param version the version whose schema the database already has, such as {@code 1}
     */
    public void baselineMigrations(String bindKey, String version) {
        migrations.baseline(bindKey, version);
    }

    /**
     * Removes failed migrations from a bind's history and realigns checksums with the files:
     * Flyway's repair, after undoing by hand what a failed migration did.
     *
     * @param bindKey a configured bind key
     */
    public void repairMigrations(String bindKey) {
        migrations.repair(bindKey);
    }

    // ---- tests ---------------------------------------------------------------------------

    /**
     * Isolates what follows, for a test: until the returned {@link Isolation} is closed, every
     * thread's work through this instance (the test's contexts and the application's request
     * handlers) runs on one connection per bind, inside a transaction that closing rolls back.
     * Commits inside become savepoints. The JUnit 5 extension of {@code carafe-test} does this
     * around every test.
     *
     * <pre>{@code
     * try (Isolation isolation = db.isolate()) {
     *     db.useTransaction(session -> session.add(new Todo("gone after the test")));
     * }
     * }</pre>
     *
     * @return the isolation, to close at the end of the test
     * @throws IllegalStateException when this instance is already isolated
     */
    public Isolation isolate() {
        return isolations.isolate();
    }

    // ---- lifecycle -------------------------------------------------------------------------

    /** Closes every session factory and pool. Open contexts should be closed first. */
    @Override
    public void close() {
        stopWatchingLocations.run();
        binds.close();
    }

    /**
     * Describes the instance as {@code <Carafe postgresql://app:***@db/app +2 engines>}; passwords
     * are always masked.
     */
    @Override
    public String toString() {
        return binds.describe();
    }

    /**
     * Configures and builds a {@link Carafe}: every configuration key (inherited from
     * {@link ConfigBuilder}), plus the models and what is not configuration but code. Not thread-safe.
     */
    public static final class Builder extends ConfigBuilder<Builder> {
        private final List<Class<?>> modelClasses = new ArrayList<>();
        private final Map<String, Object> hibernateSettings = new LinkedHashMap<>();
        private ContextScope scope = ContextScope.threadBound();
        private MicrometerMetrics metrics;

        private Builder() {}

        @Override
        protected Builder self() {
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
         * Sets where the current context lives (default: bound to the thread that opened it).
         *
         * @param contextScope the scope
         * @return this builder
         */
        public Builder scope(ContextScope contextScope) {
            this.scope = Objects.requireNonNull(contextScope, "contextScope");
            return this;
        }

        /**
         * Publishes metrics to Micrometer: each pool's HikariCP metrics and a {@code carafe.statements}
         * timer per bind. Needs {@code io.micrometer:micrometer-core} on the classpath.
         *
         * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
         * @return this builder
         */
        public Builder meterRegistry(Object registry) {
            this.metrics = MicrometerMetrics.of(Objects.requireNonNull(registry, "registry"));
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
            return Bootstrap.start(configuration(), modelClasses, scope, metrics, hibernateSettings);
        }
    }
}
