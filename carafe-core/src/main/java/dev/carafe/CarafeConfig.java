package dev.carafe;

import dev.carafe.internal.config.ClosestName;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Carafe's configuration: the keys of Flask-SQLAlchemy's {@code SQLALCHEMY_*} settings, as one
 * immutable object. Build it in code ({@link #builder()}), from a map ({@link #fromMap(Map)}), or
 * from a {@code carafe.properties} file plus environment variables ({@link #load()}); all three
 * give the same result for the same keys.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code database-url}</td><td>none</td><td>URL of the default bind</td></tr>
 * <tr><td>{@code binds.<key>} or {@code binds.<key>.url}</td><td>none</td><td>URL of another bind</td></tr>
 * <tr><td>{@code binds.<key>.<option>}</td><td>unset</td><td>an engine option of that bind</td></tr>
 * <tr><td>{@code engine-options.<option>}</td><td>unset</td><td>an engine option of the default bind</td></tr>
 * <tr><td>{@code engine-defaults.<option>}</td><td>unset</td><td>an engine option of every bind</td></tr>
 * <tr><td>{@code echo}</td><td>false</td><td>log every statement on {@code carafe.sql}</td></tr>
 * <tr><td>{@code record-queries}</td><td>false</td><td>record each context's statements</td></tr>
 * <tr><td>{@code track-modifications}</td><td>false</td><td>signal the models changed by each commit</td></tr>
 * <tr><td>{@code instance-path}</td><td>{@code instance}</td><td>folder for relative SQLite and H2 files</td></tr>
 * <tr><td>{@code n-plus-one}</td><td>{@code off}</td><td>N+1 detection: off, warn or raise</td></tr>
 * <tr><td>{@code n-plus-one-threshold}</td><td>10</td><td>repetitions of one statement from one line that count as N+1</td></tr>
 * <tr><td>{@code slow-query-threshold}</td><td>0 (off)</td><td>seconds after which a statement is logged as slow</td></tr>
 * <tr><td>{@code scan-packages}</td><td>none</td><td>comma-separated packages to scan for models</td></tr>
 * </table>
 *
 * <p>Engine options of one bind are merged in this order, lowest first: {@code engine-defaults},
 * {@code binds.default}, {@code engine-options}, {@code database-url}. Thread-safe.
 */
public final class CarafeConfig {
    /** Every top-level key, in documentation order. */
    public static final List<String> KEYS = List.of(
            "database-url", "binds", "engine-options", "engine-defaults", "echo", "record-queries",
            "track-modifications", "instance-path", "scan-packages", "n-plus-one", "n-plus-one-threshold",
            "slow-query-threshold");

    private final String databaseUrl;
    private final Map<String, EngineOptions> binds;
    private final EngineOptions engineOptions;
    private final EngineOptions engineDefaults;
    private final boolean echo;
    private final boolean recordQueries;
    private final dev.carafe.observe.NPlusOneMode nPlusOne;
    private final int nPlusOneThreshold;
    private final java.time.Duration slowQueryThreshold;
    private final boolean trackModifications;
    private final Path instancePath;
    private final List<String> scanPackages;

    private CarafeConfig(Builder builder) {
        this.databaseUrl = builder.databaseUrl;
        this.binds = Collections.unmodifiableMap(new LinkedHashMap<>(builder.binds));
        this.engineOptions = builder.engineOptions;
        this.engineDefaults = builder.engineDefaults;
        this.echo = builder.echo;
        this.recordQueries = builder.recordQueries;
        this.nPlusOne = builder.nPlusOne;
        this.nPlusOneThreshold = builder.nPlusOneThreshold;
        this.slowQueryThreshold = builder.slowQueryThreshold;
        this.trackModifications = builder.trackModifications;
        this.instancePath = builder.instancePath;
        this.scanPackages = List.copyOf(builder.scanPackages);
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
     * the classpath), then applies the environment variables {@code CARAFE_DATABASE_URL} (or
     * {@code DATABASE_URL}), {@code CARAFE_BINDS_<KEY>_URL}, {@code CARAFE_ECHO},
     * {@code CARAFE_RECORD_QUERIES}, {@code CARAFE_TRACK_MODIFICATIONS} and
     * {@code CARAFE_INSTANCE_PATH}, which win over the file.
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
        Map<String, Object> values = new LinkedHashMap<>();
        readPropertiesFile(workingDirectory.resolve("carafe.properties"), values);
        applyEnvironment(environment, values);
        CarafeConfig config = fromMap(values);
        Path instancePath = workingDirectory.resolve(config.instancePath());
        return instancePath.equals(config.instancePath()) ? config
                : builder().from(config).instancePath(instancePath).build();
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
        Builder builder = builder();
        Map<String, Map<String, Object>> bindMaps = new LinkedHashMap<>();
        Map<String, Object> engineOptionMap = new LinkedHashMap<>();
        Map<String, Object> engineDefaultMap = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : withoutCarafeLevel(map).entrySet()) {
            String key = normalize(entry.getKey());
            Object value = entry.getValue();
            int dot = key.indexOf('.');
            String top = dot < 0 ? key : key.substring(0, dot);
            String rest = dot < 0 ? null : key.substring(dot + 1);
            switch (top) {
                case "database-url" -> builder.databaseUrl(ConfigValues.string(key, value));
                case "echo" -> builder.echo(ConfigValues.bool(key, value));
                case "record-queries" -> builder.recordQueries(ConfigValues.bool(key, value));
                case "n-plus-one" -> builder.nPlusOne(ConfigValues.nPlusOneMode(key, value));
                case "n-plus-one-threshold" -> builder.nPlusOneThreshold(ConfigValues.wholeNumber(key, value));
                case "slow-query-threshold" -> builder.slowQueryThreshold(ConfigValues.seconds(key, value));
                case "track-modifications" -> builder.trackModifications(ConfigValues.bool(key, value));
                case "instance-path" -> builder.instancePath(Path.of(ConfigValues.string(key, value)));
                case "scan-packages" -> {
                    for (String name : ConfigValues.string(key, value).split(",")) {
                        if (!name.isBlank()) builder.scanPackages.add(name.trim());
                    }
                }
                case "binds" -> collectBinds(key, rest, value, bindMaps);
                case "engine-options" -> collectOptions(key, rest, value, engineOptionMap);
                case "engine-defaults" -> collectOptions(key, rest, value, engineDefaultMap);
                default -> throw unknownKey(entry.getKey(), top);
            }
        }
        bindMaps.forEach((bind, options) -> builder.bind(bind, EngineOptions.fromMap("binds." + bind, options)));
        builder.engineOptions(EngineOptions.fromMap("engine-options", engineOptionMap));
        builder.engineDefaults(EngineOptions.fromMap("engine-defaults", engineDefaultMap));
        return builder.build();
    }

    /** Lifts the entries of a nested {@code carafe: {...}} map (as YAML gives) to the top level. */
    private static Map<String, ?> withoutCarafeLevel(Map<String, ?> map) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (normalize(entry.getKey()).equals("carafe") && entry.getValue() instanceof Map<?, ?> nested) {
                nested.forEach((key, value) -> entries.put(String.valueOf(key), value));
            } else {
                entries.put(entry.getKey(), entry.getValue());
            }
        }
        return entries;
    }

    private static String normalize(String key) {
        String trimmed = key.trim();
        if (trimmed.regionMatches(true, 0, "carafe.", 0, "carafe.".length())) {
            trimmed = trimmed.substring("carafe.".length());
        }
        int dot = trimmed.indexOf('.');
        // Only the top-level part is case-insensitive and may use underscores: bind keys and
        // driver property names below it are kept exactly as the user wrote them.
        String top = (dot < 0 ? trimmed : trimmed.substring(0, dot)).toLowerCase(Locale.ROOT).replace('_', '-');
        return dot < 0 ? top : top + trimmed.substring(dot);
    }

    private static ConfigException unknownKey(String written, String top) {
        String bare = top.startsWith("sqlalchemy-") ? top.substring("sqlalchemy-".length()) : top;
        String guess = KEYS.contains(bare) ? bare : ClosestName.among(bare, KEYS).orElse(null);
        String hint;
        if (guess != null) {
            hint = " Did you mean '" + guess + "'?";
        } else if (EngineOptions.OPTION_NAMES.contains(bare)) {
            hint = " '" + bare + "' is an engine option: write engine-options." + bare + " for the default bind, binds.<key>."
                    + bare + " for one bind or engine-defaults." + bare + " for every bind.";
        } else {
            hint = "";
        }
        return new ConfigException("Unknown configuration key '" + written + "'." + hint + " Valid keys are: "
                + String.join(", ", KEYS) + ".");
    }

    private static void collectBinds(String key, String rest, Object value, Map<String, Map<String, Object>> binds) {
        if (rest == null) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new ConfigException("'binds' must be a map of bind keys to URLs or option maps, got "
                        + ConfigValues.describe(value) + ". Write binds.<key>.url=... for each bind.");
            }
            map.forEach((bind, options) -> collectBinds(key + "." + bind, String.valueOf(bind), options, binds));
            return;
        }
        int dot = rest.indexOf('.');
        String bind = dot < 0 ? rest : rest.substring(0, dot);
        if (bind.isBlank()) {
            throw new ConfigException("'" + key + "' has an empty bind key; write binds.<key>.url=...");
        }
        Map<String, Object> options = binds.computeIfAbsent(bind, b -> new LinkedHashMap<>());
        if (dot >= 0) {
            options.put(rest.substring(dot + 1), value);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((option, optionValue) -> options.put(String.valueOf(option), optionValue));
        } else {
            options.put("url", value);
        }
    }

    private static void collectOptions(String key, String rest, Object value, Map<String, Object> options) {
        if (rest != null) {
            options.put(rest, value);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((option, optionValue) -> options.put(String.valueOf(option), optionValue));
        } else if (value instanceof EngineOptions) {
            throw new ConfigException("'" + key + "' in a map must be a map of options, not EngineOptions;"
                    + " use Carafe.builder().engineOptions(...) for typed options.");
        } else {
            throw new ConfigException("'" + key + "' must be a map of engine options, got "
                    + ConfigValues.describe(value) + ".");
        }
    }

    private static void readPropertiesFile(Path file, Map<String, Object> values) {
        Properties properties = new Properties();
        try {
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                }
            } else {
                try (InputStream stream = Thread.currentThread().getContextClassLoader()
                        .getResourceAsStream("carafe.properties")) {
                    if (stream != null) properties.load(stream);
                }
            }
        } catch (IOException e) {
            throw new ConfigException("Could not read carafe.properties: " + e.getMessage());
        }
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    }

    private static void applyEnvironment(Map<String, String> environment, Map<String, Object> values) {
        String url = environment.get("CARAFE_DATABASE_URL");
        if (url == null || url.isBlank()) url = environment.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            values.keySet().removeIf(key -> normalize(key).equals("database-url"));
            values.put("database-url", url);
        }
        List<String> simple = List.of("ECHO", "RECORD_QUERIES", "TRACK_MODIFICATIONS", "INSTANCE_PATH");
        for (String name : simple) {
            String value = environment.get("CARAFE_" + name);
            if (value != null) {
                String key = name.toLowerCase(Locale.ROOT).replace('_', '-');
                values.keySet().removeIf(existing -> normalize(existing).equals(key));
                values.put(key, value);
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith("CARAFE_BINDS_") && name.endsWith("_URL") && name.length() > "CARAFE_BINDS__URL".length()) {
                String bind = name.substring("CARAFE_BINDS_".length(), name.length() - "_URL".length())
                        .toLowerCase(Locale.ROOT);
                values.keySet().removeIf(existing -> {
                    String key = normalize(existing);
                    return key.equals("binds." + bind) || key.equals("binds." + bind + ".url");
                });
                values.put("binds." + bind + ".url", value);
            }
        });
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
        EngineOptions base = EngineOptions.defaults().echo(echo).echoPool(echo).overriddenBy(engineDefaults);
        Map<String, EngineOptions> engines = new LinkedHashMap<>();
        EngineOptions defaultOptions = base
                .overriddenBy(binds.getOrDefault(Binds.DEFAULT, EngineOptions.defaults()))
                .overriddenBy(engineOptions);
        if (databaseUrl != null) {
            defaultOptions = defaultOptions.withUrl(databaseUrl);
        }
        if (defaultOptions.url() != null) {
            engines.put(Binds.DEFAULT, defaultOptions);
        }
        binds.forEach((key, options) -> {
            if (!key.equals(Binds.DEFAULT)) {
                EngineOptions merged = base.overriddenBy(options);
                if (merged.url() == null) {
                    throw new ConfigException("Bind '" + key + "' has no URL. Set binds." + key + ".url (or the"
                            + " environment variable CARAFE_BINDS_" + key.toUpperCase(Locale.ROOT) + "_URL).");
                }
                engines.put(key, merged);
            }
        });
        if (engines.isEmpty()) {
            throw new ConfigException("Either 'database-url' or 'binds' must be set. Set database-url (or the"
                    + " environment variable CARAFE_DATABASE_URL), for example sqlite:///app.db (a file in the"
                    + " instance folder) or postgresql://user@localhost/app.");
        }
        return Collections.unmodifiableMap(engines);
    }

    /** Names the key a resolved bind's URL was taken from, for messages about that URL. */
    String urlKey(String bind) {
        if (!bind.equals(Binds.DEFAULT)) return "binds." + bind + ".url";
        if (databaseUrl != null) return "database-url";
        if (engineOptions.url() != null) return "engine-options.url";
        return "binds.default.url";
    }

    /**
     * Returns the default bind's URL, or {@code null}.
     *
     * @return the default bind's URL, or {@code null}
     */
    public String databaseUrl() {
        return databaseUrl;
    }

    /**
     * Returns the configured binds other than by {@code database-url}, in configuration order.
     *
     * @return the configured binds other than by {@code database-url}, in configuration order
     */
    public Map<String, EngineOptions> binds() {
        return binds;
    }

    /**
     * Returns the default bind's own engine options.
     *
     * @return the default bind's own engine options
     */
    public EngineOptions engineOptions() {
        return engineOptions;
    }

    /**
     * Returns the engine options applied to every bind.
     *
     * @return the engine options applied to every bind
     */
    public EngineOptions engineDefaults() {
        return engineDefaults;
    }

    /**
     * Returns whether statements are logged by default.
     *
     * @return whether statements are logged by default
     */
    public boolean echo() {
        return echo;
    }

    /**
     * Returns whether each context records its statements.
     *
     * @return whether each context records its statements
     */
    public boolean recordQueries() {
        return recordQueries;
    }

    /**
     * Returns what N+1 detection does.
     *
     * @return what N+1 detection does
     */
    public dev.carafe.observe.NPlusOneMode nPlusOne() {
        return nPlusOne;
    }

    /**
     * Returns how many runs of one statement from one line count as N+1.
     *
     * @return how many runs of one statement from one line count as N+1
     */
    public int nPlusOneThreshold() {
        return nPlusOneThreshold;
    }

    /**
     * Returns the duration after which a statement is logged as slow; zero when off.
     *
     * @return the duration after which a statement is logged as slow; zero when off
     */
    public java.time.Duration slowQueryThreshold() {
        return slowQueryThreshold;
    }

    /**
     * Returns whether commits signal the models they changed.
     *
     * @return whether commits signal the models they changed
     */
    public boolean trackModifications() {
        return trackModifications;
    }

    /**
     * Returns the folder for relative SQLite and H2 database files.
     *
     * @return the folder for relative SQLite and H2 database files
     */
    public Path instancePath() {
        return instancePath;
    }

    /**
     * Returns the packages scanned for models.
     *
     * @return the packages scanned for models
     */
    public List<String> scanPackages() {
        return scanPackages;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CarafeConfig o && Objects.equals(databaseUrl, o.databaseUrl)
                && binds.equals(o.binds) && engineOptions.equals(o.engineOptions)
                && engineDefaults.equals(o.engineDefaults) && echo == o.echo && recordQueries == o.recordQueries
                && nPlusOne == o.nPlusOne && nPlusOneThreshold == o.nPlusOneThreshold
                && slowQueryThreshold.equals(o.slowQueryThreshold)
                && trackModifications == o.trackModifications && instancePath.equals(o.instancePath)
                && scanPackages.equals(o.scanPackages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(databaseUrl, binds, engineOptions, engineDefaults, echo, recordQueries, nPlusOne,
                nPlusOneThreshold, slowQueryThreshold,
                trackModifications, instancePath, scanPackages);
    }

    /** Describes the configuration with every password masked. */
    @Override
    public String toString() {
        return "CarafeConfig{database-url=" + (databaseUrl == null ? null : dev.carafe.internal.config.UrlMasker.mask(databaseUrl))
                + ", binds=" + binds + ", engine-options=" + engineOptions + ", engine-defaults=" + engineDefaults
                + ", echo=" + echo + ", record-queries=" + recordQueries + ", n-plus-one=" + nPlusOne.name().toLowerCase(Locale.ROOT)
                + ", n-plus-one-threshold=" + nPlusOneThreshold + ", slow-query-threshold=" + slowQueryThreshold
                + ", track-modifications="
                + trackModifications + ", instance-path=" + instancePath + ", scan-packages=" + scanPackages + "}";
    }

    /** Builds a {@link CarafeConfig}; not thread-safe. */
    public static final class Builder {
        private String databaseUrl;
        private final Map<String, EngineOptions> binds = new LinkedHashMap<>();
        private EngineOptions engineOptions = EngineOptions.defaults();
        private EngineOptions engineDefaults = EngineOptions.defaults();
        private boolean echo;
        private boolean recordQueries;
        private dev.carafe.observe.NPlusOneMode nPlusOne = dev.carafe.observe.NPlusOneMode.OFF;
        private int nPlusOneThreshold = 10;
        private java.time.Duration slowQueryThreshold = java.time.Duration.ZERO;
        private boolean trackModifications;
        private Path instancePath = Path.of("instance");
        private final List<String> scanPackages = new ArrayList<>();

        private Builder() {}

        /**
         * Copies every key of an existing configuration into this builder.
         *
         * @param config the configuration to start from
         * @return this builder
         */
        public Builder from(CarafeConfig config) {
            databaseUrl = config.databaseUrl;
            binds.clear();
            binds.putAll(config.binds);
            engineOptions = config.engineOptions;
            engineDefaults = config.engineDefaults;
            echo = config.echo;
            recordQueries = config.recordQueries;
            nPlusOne = config.nPlusOne;
            nPlusOneThreshold = config.nPlusOneThreshold;
            slowQueryThreshold = config.slowQueryThreshold;
            trackModifications = config.trackModifications;
            instancePath = config.instancePath;
            scanPackages.clear();
            scanPackages.addAll(config.scanPackages);
            return this;
        }

        /**
         * Sets the default bind's URL ({@code database-url}).
         *
         * @param url a SQLAlchemy-style or {@code jdbc:} URL
         * @return this builder
         */
        public Builder databaseUrl(String url) {
            this.databaseUrl = url;
            return this;
        }

        /**
         * Adds a bind by URL ({@code binds.<key>}).
         *
         * @param key the bind key used in {@link BindKey}
         * @param url a SQLAlchemy-style or {@code jdbc:} URL
         * @return this builder
         */
        public Builder bind(String key, String url) {
            return bind(key, EngineOptions.url(url));
        }

        /**
         * Adds a bind with engine options that include its URL ({@code binds.<key>.*}).
         *
         * @param key the bind key used in {@link BindKey}
         * @param options the bind's options
         * @return this builder
         */
        public Builder bind(String key, EngineOptions options) {
            if (key == null || key.isBlank() || key.contains(".")) {
                throw new ConfigException("A bind key must be a non-empty name without dots, got '" + key + "'.");
            }
            binds.put(key, Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Sets the default bind's own engine options ({@code engine-options}).
         *
         * @param options the options
         * @return this builder
         */
        public Builder engineOptions(EngineOptions options) {
            this.engineOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets engine options for every bind ({@code engine-defaults}); each bind's own options win.
         *
         * @param options the options
         * @return this builder
         */
        public Builder engineDefaults(EngineOptions options) {
            this.engineDefaults = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Logs every statement of every engine unless the engine says otherwise ({@code echo}).
         *
         * @param echo whether to log statements
         * @return this builder
         */
        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        /**
         * Records the statements of each context ({@code record-queries}).
         *
         * @param recordQueries whether to record
         * @return this builder
         */
        public Builder recordQueries(boolean recordQueries) {
            this.recordQueries = recordQueries;
            return this;
        }

        /**
         * Sets what N+1 detection does ({@code n-plus-one}): off (the default), warn, or raise.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder nPlusOne(dev.carafe.observe.NPlusOneMode mode) {
            this.nPlusOne = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets how many runs of one statement from one line of code count as N+1
         * ({@code n-plus-one-threshold}, default 10).
         *
         * @param threshold at least 2
         * @return this builder
         */
        public Builder nPlusOneThreshold(int threshold) {
            if (threshold < 2) {
                throw new ConfigException("'n-plus-one-threshold' must be at least 2, got " + threshold + ".");
            }
            this.nPlusOneThreshold = threshold;
            return this;
        }

        /**
         * Logs statements slower than this on {@code carafe.sql}, with their location
         * ({@code slow-query-threshold}; zero, the default, turns it off).
         *
         * @param threshold zero or more
         * @return this builder
         */
        public Builder slowQueryThreshold(java.time.Duration threshold) {
            if (threshold.isNegative()) {
                throw new ConfigException("'slow-query-threshold' must be 0 (off) or more, got " + threshold + ".");
            }
            this.slowQueryThreshold = threshold;
            return this;
        }

        /**
         * Signals the models each commit changed ({@code track-modifications}).
         *
         * @param trackModifications whether to track
         * @return this builder
         */
        public Builder trackModifications(boolean trackModifications) {
            this.trackModifications = trackModifications;
            return this;
        }

        /**
         * Sets the folder for relative SQLite and H2 files ({@code instance-path}).
         *
         * @param instancePath the folder, created when a database file is first needed there
         * @return this builder
         */
        public Builder instancePath(Path instancePath) {
            this.instancePath = Objects.requireNonNull(instancePath, "instancePath");
            return this;
        }

        /**
         * Adds packages to scan for models ({@code scan-packages}).
         *
         * @param packages package names such as {@code com.example.models}
         * @return this builder
         */
        public Builder scanPackages(String... packages) {
            scanPackages.addAll(List.of(packages));
            return this;
        }

        /**
         * Builds the immutable configuration. It is validated by {@code Carafe}'s {@code build()}.
         *
         * @return the configuration
         */
        public CarafeConfig build() {
            return new CarafeConfig(this);
        }
    }
}
