package dev.carafe.config;

import dev.carafe.bind.Binds;
import dev.carafe.observe.NPlusOneMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Carafe's configuration: the keys of Flask-SQLAlchemy's {@code SQLALCHEMY_*} settings, as one
 * immutable object. Build it in code ({@link #builder()}), from a map ({@link #fromMap(Map)}), or
 * from a {@code carafe.properties} file plus environment variables ({@link #load()}); all three
 * give the same result for the same keys. docs/configuration.md lists every key, its default and
 * its environment variable.
 *
 * <p>Engine options of one bind are merged in this order, lowest first: {@code engine-defaults},
 * {@code binds.default}, {@code engine-options}, {@code database-url}. Thread-safe.
 */
public final class CarafeConfig {
    /** Every top-level key, in documentation order. */
    public static final List<String> KEYS = Keys.topLevelNames();

    final Map<Key<?>, Object> values;
    private final Map<String, EngineOptions> binds;
    private final EngineOptions engineOptions;
    private final EngineOptions engineDefaults;

    CarafeConfig(Map<Key<?>, Object> values, Map<String, EngineOptions> binds, EngineOptions engineOptions,
            EngineOptions engineDefaults) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.binds = Collections.unmodifiableMap(new LinkedHashMap<>(binds));
        this.engineOptions = engineOptions;
        this.engineDefaults = engineDefaults;
    }

    /**
     * Returns an empty builder.
     *
     * @return a builder with every key at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code carafe.properties} from the working directory (or, when there is none, from
     * the classpath), then applies the environment: {@code CARAFE_<KEY>} for every key, the key
     * written in capitals with underscores ({@code CARAFE_RECORD_QUERIES},
     * {@code CARAFE_BINDS_AUTH_URL}, {@code CARAFE_ENGINE_OPTIONS_POOL_SIZE}), and
     * {@code DATABASE_URL} when {@code CARAFE_DATABASE_URL} is not set. The environment wins over
     * the file. An environment variable starting with {@code CARAFE_} that names no key is logged
     * as a warning with the likely key.
     *
     * @return the configuration
     * @throws ConfigException for an unknown key or a bad value
     */
    public static CarafeConfig load() {
        return load(Path.of(""), System.getenv());
    }

    /**
     * Like {@link #load()}, with an explicit working directory and environment (for tests and for
     * applications that keep their own). A relative {@code instance-path}, and the default
     * {@code instance}, are taken relative to the working directory.
     *
     * @param workingDirectory where to look for {@code carafe.properties} first
     * @param environment the environment variables to apply
     * @return the configuration
     */
    public static CarafeConfig load(Path workingDirectory, Map<String, String> environment) {
        return ConfigLoader.load(workingDirectory, environment);
    }

    /**
     * Builds a configuration from a map. Values may be nested maps ({@code binds: {auth: url}},
     * {@code binds: {auth: {url: ..., pool-size: 4}}}) or flat dotted keys
     * ({@code binds.auth.pool-size}); a {@code carafe.} prefix and underscores instead of dashes
     * are accepted.
     *
     * @param map the keys and values
     * @return the configuration
     * @throws ConfigException for an unknown key or a bad value
     */
    public static CarafeConfig fromMap(Map<String, ?> map) {
        return ConfigLoader.fromMap(map);
    }

    /**
     * Returns the engine options of every bind, with the precedence order applied: the default
     * bind first (when it has a URL), then the other binds in the order configured.
     *
     * @return an ordered, immutable map from bind key to the options that build its engine
     * @throws ConfigException when neither a database URL nor binds are set
     */
    public Map<String, EngineOptions> resolvedEngines() {
        if (engineDefaults.url() != null) {
            throw new ConfigException("'engine-defaults.url' cannot be set: engine defaults apply to every bind, and"
                    + " each bind needs its own URL. Set database-url or binds.<key>.url instead.");
        }
        EngineOptions base = EngineOptions.defaults().echo(echo()).echoPool(echo()).overriddenBy(engineDefaults);
        Map<String, EngineOptions> engines = new LinkedHashMap<>();
        EngineOptions defaultOptions = base
                .overriddenBy(binds.getOrDefault(Binds.DEFAULT, EngineOptions.defaults()))
                .overriddenBy(engineOptions);
        if (databaseUrl() != null) defaultOptions = defaultOptions.withUrl(databaseUrl());
        if (defaultOptions.url() != null) engines.put(Binds.DEFAULT, defaultOptions);
        binds.forEach((key, options) -> {
            if (key.equals(Binds.DEFAULT)) return;
            EngineOptions merged = base.overriddenBy(options);
            if (merged.url() == null) {
                throw new ConfigException("Bind '" + key + "' has no URL. Set binds." + key + ".url (or the"
                        + " environment variable CARAFE_BINDS_" + key.toUpperCase(Locale.ROOT) + "_URL).");
            }
            engines.put(key, merged);
        });
        if (engines.isEmpty()) {
            throw new ConfigException("Either 'database-url' or 'binds' must be set. Set database-url (or the"
                    + " environment variable CARAFE_DATABASE_URL), for example sqlite:///app.db (a file in the"
                    + " instance folder) or postgresql://user@localhost/app.");
        }
        return Collections.unmodifiableMap(engines);
    }

    /**
     * Names the key a bind's URL is read from, as messages about that URL say it.
     *
     * @param bindKey a bind key
     * @return {@code database-url}, {@code engine-options.url} or {@code binds.<key>.url}
     */
    public String urlKey(String bindKey) {
        if (!bindKey.equals(Binds.DEFAULT)) return Keys.BINDS + "." + bindKey + ".url";
        if (databaseUrl() != null) return Keys.DATABASE_URL.name();
        if (engineOptions.url() != null) return Keys.ENGINE_OPTIONS + ".url";
        return Keys.BINDS + "." + Binds.DEFAULT + ".url";
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Key<T> key) {
        return values.containsKey(key) ? (T) values.get(key) : key.defaultValue();
    }

    /**
     * Returns the default bind's URL ({@code database-url}), or {@code null}.
     *
     * @return the default bind's URL, or {@code null}
     */
    public String databaseUrl() {
        return get(Keys.DATABASE_URL);
    }

    /**
     * Returns the binds configured under {@code binds}, in configuration order.
     *
     * @return the bind keys and their own engine options
     */
    public Map<String, EngineOptions> binds() {
        return binds;
    }

    /**
     * Returns the default bind's own engine options ({@code engine-options}).
     *
     * @return the default bind's own engine options
     */
    public EngineOptions engineOptions() {
        return engineOptions;
    }

    /**
     * Returns the engine options applied to every bind ({@code engine-defaults}).
     *
     * @return the engine options applied to every bind
     */
    public EngineOptions engineDefaults() {
        return engineDefaults;
    }

    /**
     * Returns whether statements are logged by default ({@code echo}).
     *
     * @return whether statements are logged by default
     */
    public boolean echo() {
        return get(Keys.ECHO);
    }

    /**
     * Returns whether each context records its statements ({@code record-queries}).
     *
     * @return whether each context records its statements
     */
    public boolean recordQueries() {
        return get(Keys.RECORD_QUERIES);
    }

    /**
     * Returns whether commits signal the models they changed ({@code track-modifications}).
     *
     * @return whether commits signal the models they changed
     */
    public boolean trackModifications() {
        return get(Keys.TRACK_MODIFICATIONS);
    }

    /**
     * Returns the folder for relative SQLite and H2 database files ({@code instance-path}).
     *
     * @return the folder for relative SQLite and H2 database files
     */
    public Path instancePath() {
        return get(Keys.INSTANCE_PATH);
    }

    /**
     * Returns the packages scanned for models ({@code scan-packages}).
     *
     * @return the packages scanned for models
     */
    public List<String> scanPackages() {
        return get(Keys.SCAN_PACKAGES);
    }

    /**
     * Returns what N+1 detection does ({@code n-plus-one}).
     *
     * @return what N+1 detection does
     */
    public NPlusOneMode nPlusOne() {
        return get(Keys.N_PLUS_ONE);
    }

    /**
     * Returns how many runs of one statement from one line count as N+1 ({@code n-plus-one-threshold}).
     *
     * @return how many runs of one statement from one line count as N+1
     */
    public int nPlusOneThreshold() {
        return get(Keys.N_PLUS_ONE_THRESHOLD);
    }

    /**
     * Returns whether {@code build()} applies each bind's pending migrations ({@code migrate-on-start}).
     *
     * @return whether to migrate at start-up
     */
    public boolean migrateOnStart() {
        return get(Keys.MIGRATE_ON_START);
    }

    /**
     * Returns where migrations are read from ({@code migrations-path}): a {@code classpath:}
     * location or a folder.
     *
     * @return the default bind's migration location
     */
    public String migrationsPath() {
        return get(Keys.MIGRATIONS_PATH);
    }

    /**
     * Returns the duration after which a statement is logged as slow ({@code slow-query-threshold});
     * zero when off.
     *
     * @return the threshold
     */
    public Duration slowQueryThreshold() {
        return get(Keys.SLOW_QUERY_THRESHOLD);
    }

    /**
     * Returns the secret that signs keyset cursors ({@code cursor-secret}), or {@code null} for a
     * random one per start.
     *
     * @return the secret, or {@code null}
     */
    public String cursorSecret() {
        return get(Keys.CURSOR_SECRET);
    }

    /**
     * Returns the names of the columns whose bound values are masked on top of Carafe's own
     * ({@code redact-parameters}).
     *
     * @return the names, as configured
     */
    public List<String> redactParameters() {
        return get(Keys.REDACT_PARAMETERS);
    }

    /**
     * Returns how many times a transaction runs again after a conflict ({@code transaction-retries}).
     *
     * @return the number of retries after the first attempt; 0 when retries are off
     */
    public int transactionRetries() {
        return get(Keys.TRANSACTION_RETRIES);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CarafeConfig o && values.equals(o.values) && binds.equals(o.binds)
                && engineOptions.equals(o.engineOptions) && engineDefaults.equals(o.engineDefaults);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, binds, engineOptions, engineDefaults);
    }

    /** Describes every key, with passwords and secrets masked. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "CarafeConfig{", "}");
        for (Key<?> key : Keys.SCALARS) {
            Object value = get(key);
            if (key == Keys.DATABASE_URL) {
                text.add(key.name() + "=" + (value == null ? null : dev.carafe.config.internal.UrlMasker.mask((String) value)));
                text.add(Keys.BINDS + "=" + binds);
                text.add(Keys.ENGINE_OPTIONS + "=" + engineOptions);
                text.add(Keys.ENGINE_DEFAULTS + "=" + engineDefaults);
            } else {
                text.add(key.name() + "=" + key.describe(value));
            }
        }
        return text.toString();
    }

    /** Builds a {@link CarafeConfig}; not thread-safe. */
    public static final class Builder extends ConfigBuilder<Builder> {
        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Builds the immutable configuration. Values are checked as they are set; that the whole
         * is complete (a URL for every bind) is checked by {@code Carafe}'s {@code build()}.
         *
         * @return the configuration
         */
        public CarafeConfig build() {
            return configuration();
        }
    }
}
