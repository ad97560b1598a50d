package dev.carafe.config;

import dev.carafe.observe.NPlusOneMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The setters of every configuration key, written once for both builders that take them:
 * {@link CarafeConfig.Builder} and {@code Carafe.Builder}. Not thread-safe.
 *
 * @param <B> the builder's own type, which every setter returns
 */
public abstract class ConfigBuilder<B extends ConfigBuilder<B>> {
    final Map<Key<?>, Object> values = new LinkedHashMap<>();
    final Map<String, EngineOptions> binds = new LinkedHashMap<>();
    EngineOptions engineOptions = EngineOptions.defaults();
    EngineOptions engineDefaults = EngineOptions.defaults();

    /** Creates a builder with every key at its default. */
    protected ConfigBuilder() {}

    /**
     * Returns this builder as its own type.
     *
     * @return this builder
     */
    protected abstract B self();

    private <T> B set(Key<T> key, Object value) {
        values.put(key, key.read(key.name(), value));
        return self();
    }

    /**
     * Starts from a configuration: copies every key it sets; later calls override them.
     *
     * @param config the configuration, for example {@link CarafeConfig#load()}
     * @return this builder
     */
    public B config(CarafeConfig config) {
        values.clear();
        values.putAll(config.values);
        binds.clear();
        binds.putAll(config.binds());
        engineOptions = config.engineOptions();
        engineDefaults = config.engineDefaults();
        return self();
    }

    /**
     * Sets the default bind's URL ({@code database-url}).
     *
     * @param url a SQLAlchemy-style ({@code postgresql://user@host/db}) or {@code jdbc:} URL, or
     *     {@code null} to leave the default bind to {@code binds.default} or {@code engine-options}
     * @return this builder
     */
    public B databaseUrl(String url) {
        if (url != null) return set(Keys.DATABASE_URL, url);
        values.remove(Keys.DATABASE_URL);
        return self();
    }

    /**
     * Adds a bind by URL ({@code binds.<key>}).
     *
     * @param key the key models name in {@code @BindKey}
     * @param url a SQLAlchemy-style or {@code jdbc:} URL
     * @return this builder
     */
    public B bind(String key, String url) {
        return bind(key, EngineOptions.url(url));
    }

    /**
     * Adds a bind with engine options that include its URL ({@code binds.<key>.*}).
     *
     * @param key the key models name in {@code @BindKey}
     * @param options the bind's options
     * @return this builder
     */
    public B bind(String key, EngineOptions options) {
        if (key == null || key.isBlank() || key.contains(".")) {
            throw new ConfigException("A bind key must be a non-empty name without dots, got '" + key + "'.");
        }
        binds.put(key, Objects.requireNonNull(options, "options"));
        return self();
    }

    /**
     * Sets the default bind's own engine options ({@code engine-options}).
     *
     * @param options the options
     * @return this builder
     */
    public B engineOptions(EngineOptions options) {
        engineOptions = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Sets engine options for every bind ({@code engine-defaults}); each bind's own options win.
     *
     * @param options the options
     * @return this builder
     */
    public B engineDefaults(EngineOptions options) {
        engineDefaults = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Logs every statement of every engine on {@code carafe.sql}, unless an engine says otherwise
     * ({@code echo}).
     *
     * @param echo whether to log statements
     * @return this builder
     */
    public B echo(boolean echo) {
        return set(Keys.ECHO, echo);
    }

    /**
     * Records the statements of each context ({@code record-queries}).
     *
     * @param recordQueries whether to record
     * @return this builder
     */
    public B recordQueries(boolean recordQueries) {
        return set(Keys.RECORD_QUERIES, recordQueries);
    }

    /**
     * Signals the models each commit changed ({@code track-modifications}).
     *
     * @param trackModifications whether to track
     * @return this builder
     */
    public B trackModifications(boolean trackModifications) {
        return set(Keys.TRACK_MODIFICATIONS, trackModifications);
    }

    /**
     * Sets the folder for relative SQLite and H2 files ({@code instance-path}).
     *
     * @param instancePath the folder, created when a database file is first needed there
     * @return this builder
     */
    public B instancePath(Path instancePath) {
        return set(Keys.INSTANCE_PATH, Objects.requireNonNull(instancePath, "instancePath"));
    }

    /**
     * Registers every {@code @Entity} class of the packages and their sub-packages
     * ({@code scan-packages}), found in directories and jars of the context class loader; a
     * package without any makes building fail, as a misspelt name would.
     *
     * @param packageNames package names such as {@code com.example.models}
     * @return this builder
     */
    public B scan(String... packageNames) {
        List<String> all = new ArrayList<>(get(Keys.SCAN_PACKAGES));
        all.addAll(List.of(packageNames));
        return set(Keys.SCAN_PACKAGES, all);
    }

    /**
     * Sets what N+1 detection does ({@code n-plus-one}): off (the default), warn or raise.
     *
     * @param mode the mode
     * @return this builder
     */
    public B nPlusOne(NPlusOneMode mode) {
        return set(Keys.N_PLUS_ONE, Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Sets how many runs of one statement from one line of code count as N+1
     * ({@code n-plus-one-threshold}, default 10).
     *
     * @param threshold at least 2
     * @return this builder
     */
    public B nPlusOneThreshold(int threshold) {
        return set(Keys.N_PLUS_ONE_THRESHOLD, threshold);
    }

    /**
     * Logs statements slower than this on {@code carafe.sql}, with their location
     * ({@code slow-query-threshold}; zero, the default, turns it off).
     *
     * @param threshold zero or more
     * @return this builder
     */
    public B slowQueryThreshold(Duration threshold) {
        return set(Keys.SLOW_QUERY_THRESHOLD, Objects.requireNonNull(threshold, "threshold"));
    }

    /**
     * Sets the secret that signs keyset cursors ({@code cursor-secret}), so cursors stay valid across
     * restarts and across the instances of a cluster. Without one, a random secret is made at
     * start-up and cursors are valid for the life of the process.
     *
     * @param secret at least 16 characters, kept out of source control
     * @return this builder
     */
    public B cursorSecret(String secret) {
        return set(Keys.CURSOR_SECRET, secret);
    }

    /**
     * Applies each bind's pending migrations when {@code build()} runs ({@code migrate-on-start},
     * default false), as {@code db.migrate()} does. Needs Flyway on the classpath.
     *
     * @param migrateOnStart whether to migrate at start-up
     * @return this builder
     */
    public B migrateOnStart(boolean migrateOnStart) {
        return set(Keys.MIGRATE_ON_START, migrateOnStart);
    }

    /**
     * Sets where migrations are read from ({@code migrations-path}, default
     * {@code classpath:db/migration}): a {@code classpath:} location or a folder. The default
     * bind's migrations are there, another bind's in the sub-folder named after its key.
     *
     * @param path {@code classpath:some/folder}, or a folder such as {@code src/main/resources/db/migration}
     * @return this builder
     */
    public B migrationsPath(String path) {
        return set(Keys.MIGRATIONS_PATH, Objects.requireNonNull(path, "path"));
    }

    /**
     * Masks the values bound to more columns in echo, recorded queries and the debug view
     * ({@code redact-parameters}), on top of the names Carafe always masks (password, secret,
     * token, api_key and their kin). A column is masked when its name, in lower case and without
     * underscores or dashes, contains one of these names: {@code iban} masks {@code iban} and
     * {@code payout_iban}; {@code passwordHash} and {@code password_hash} are one name.
     *
     * @param names column or attribute names, such as {@code iban} or {@code dateOfBirth}
     * @return this builder
     */
    public B redactParameters(String... names) {
        List<String> all = new ArrayList<>(get(Keys.REDACT_PARAMETERS));
        all.addAll(List.of(names));
        return set(Keys.REDACT_PARAMETERS, all);
    }

    /**
     * Sets how many times {@code db.inTransaction(...)}, {@code db.useTransaction(...)} and the web
     * routes that opt in run a transaction again after a deadlock, a serialization failure, a
     * cluster's certification conflict or a connection lost before its commit
     * ({@code transaction-retries}, default 3; 0 turns retries off).
     *
     * @param retries at least 0
     * @return this builder
     */
    public B transactionRetries(int retries) {
        return set(Keys.TRANSACTION_RETRIES, retries);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Key<T> key) {
        return values.containsKey(key) ? (T) values.get(key) : key.defaultValue();
    }

    /**
     * Builds the immutable configuration from what was set.
     *
     * @return the configuration
     */
    protected final CarafeConfig configuration() {
        return new CarafeConfig(values, binds, engineOptions, engineDefaults);
    }
}
