package dev.carafe.config;

import dev.carafe.config.internal.ClosestName;
import dev.carafe.config.internal.UrlMasker;
import dev.carafe.tenant.Tenancy;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The options of one engine (a HikariCP pool), Flask-SQLAlchemy's {@code SQLALCHEMY_ENGINE_OPTIONS}
 * and the option maps of {@code SQLALCHEMY_BINDS}. Immutable: every method returns a new instance.
 * An option left unset takes its value from the next level of the precedence order, lowest first:
 * engine defaults for all binds, {@code binds.default}, {@code engine-options}, {@code database-url}.
 *
 * <pre>{@code
 * EngineOptions.url("jdbc:h2:mem:meta").poolSize(4).poolTimeout(Duration.ofSeconds(5))
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class EngineOptions {
    /** Every option name accepted in maps and properties files, in documentation order. */
    public static final List<String> OPTION_NAMES = Keys.optionNames();

    private static final EngineOptions EMPTY = new EngineOptions(Map.of(), Map.of());

    private final Map<Key<?>, Object> values;
    private final Map<String, String> driverProperties;

    private EngineOptions(Map<Key<?>, Object> values, Map<String, String> driverProperties) {
        this.values = values;
        this.driverProperties = driverProperties;
    }

    /**
     * Returns options with nothing set, to be refined with the other methods.
     *
     * @return the empty options
     */
    public static EngineOptions defaults() {
        return EMPTY;
    }

    /**
     * Returns options with only a URL set.
     *
     * @param url a SQLAlchemy-style URL ({@code postgresql://user@host/db}) or a {@code jdbc:} URL
     * @return the options
     */
    public static EngineOptions url(String url) {
        return EMPTY.withUrl(url);
    }

    /**
     * Reads options from a map, as found in {@code binds.<key>} or {@code engine-options}.
     * Names may be written with dashes or underscores ({@code pool_size}, {@code pool-size});
     * values may be strings, as in a properties file. Driver properties may be given as one map
     * ({@code connect-args}) or one key each ({@code connect-args.sslmode}); their names are passed
     * to the driver as written.
     *
     * @param where the configuration key the map came from, used in error messages
     * @param map the options
     * @return the options
     * @throws ConfigException for an unknown option or a value of the wrong type
     */
    public static EngineOptions fromMap(String where, Map<String, ?> map) {
        EngineOptions options = EMPTY;
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            // Driver property names are the driver's own and keep their case and underscores:
            // only the option name before the first dot is normalized.
            String written = entry.getKey().trim();
            int dot = written.indexOf('.');
            String name = (dot < 0 ? written : written.substring(0, dot)).toLowerCase(Locale.ROOT).replace('_', '-');
            String key = where + "." + written;
            if (name.equals(Keys.CONNECT_ARGS)) {
                options = dot < 0
                        ? options.withDriverProperties(ConfigValues.stringMap(key, entry.getValue()))
                        : options.driverProperty(written.substring(dot + 1), String.valueOf(entry.getValue()));
                continue;
            }
            Key<?> option = dot < 0 ? Keys.option(name) : null;
            if (option == null) throw unknownOption(key, name);
            options = options.with(option, option.read(key, entry.getValue()));
        }
        return options;
    }

    private static ConfigException unknownOption(String key, String name) {
        String suggestion = ClosestName.among(name, OPTION_NAMES)
                .map(closest -> " Did you mean '" + closest + "'?").orElse("");
        return new ConfigException("Unknown engine option '" + key + "'." + suggestion + " Valid options are: "
                + String.join(", ", OPTION_NAMES) + ".");
    }

    private <T> EngineOptions with(Key<T> option, Object value) {
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(option, option.read(option.name(), value));
        return new EngineOptions(Collections.unmodifiableMap(copy), driverProperties);
    }

    private <T> T get(Key<T> option) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(option);
        return value;
    }

    /**
     * Returns a copy with another URL.
     *
     * @param url a SQLAlchemy-style or {@code jdbc:} URL
     * @return the new options
     */
    public EngineOptions withUrl(String url) {
        return with(Keys.URL, url);
    }

    /**
     * Returns a copy with the maximum number of connections in the pool (HikariCP's
     * {@code maximumPoolSize}; default 10, 1 for SQLite).
     *
     * @param poolSize at least 1
     * @return the new options
     */
    public EngineOptions poolSize(int poolSize) {
        return with(Keys.POOL_SIZE, poolSize);
    }

    /**
     * Returns a copy with the longest wait for a free connection before the pool gives up
     * (HikariCP's {@code connectionTimeout}; default 30 seconds).
     *
     * @param poolTimeout at least 250 ms
     * @return the new options
     */
    public EngineOptions poolTimeout(Duration poolTimeout) {
        return with(Keys.POOL_TIMEOUT, poolTimeout);
    }

    /**
     * Returns a copy with the age after which a connection is retired (SQLAlchemy's
     * {@code pool_recycle}, HikariCP's {@code maxLifetime}; default 30 minutes, 2 hours for MySQL
     * and MariaDB; zero means never).
     *
     * @param recycle zero, or at least 30 seconds
     * @return the new options
     */
    public EngineOptions recycle(Duration recycle) {
        return with(Keys.POOL_RECYCLE, recycle);
    }

    /**
     * Returns a copy that tests idle connections before use (SQLAlchemy's {@code pool_pre_ping}).
     * HikariCP always checks a connection that sat idle for more than half a second when it is
     * borrowed; turning this on also checks idle connections in the background every 30 seconds
     * (HikariCP's {@code keepaliveTime}, 2 minutes otherwise), so connections cut by a firewall or a
     * server restart are replaced before a request needs them.
     *
     * @param poolPrePing whether to check idle connections in the background
     * @return the new options
     */
    public EngineOptions poolPrePing(boolean poolPrePing) {
        return with(Keys.POOL_PRE_PING, poolPrePing);
    }

    /**
     * Returns a copy that logs every statement of this engine on the {@code carafe.sql} logger.
     *
     * @param echo whether to log statements
     * @return the new options
     */
    public EngineOptions echo(boolean echo) {
        return with(Keys.ENGINE_ECHO, echo);
    }

    /**
     * Returns a copy that logs pool events of this engine on the {@code carafe.pool} logger.
     *
     * @param echoPool whether to log pool events
     * @return the new options
     */
    public EngineOptions echoPool(boolean echoPool) {
        return with(Keys.ECHO_POOL, echoPool);
    }

    /**
     * Returns a copy with the longest wait to open a connection and log in (the driver's connect
     * and login timeouts; default 10 seconds; zero leaves the driver's own default). A database
     * that accepts connections and never answers then fails fast with a
     * {@link dev.carafe.bind.DatabaseUnavailableException} instead of hanging.
     *
     * @param connectTimeout zero or more
     * @return the new options
     */
    public EngineOptions connectTimeout(Duration connectTimeout) {
        return with(Keys.CONNECT_TIMEOUT, connectTimeout);
    }

    /**
     * Returns a copy with the longest wait for the database to answer a statement (the driver's
     * socket timeout; default 30 seconds, the pool timeout's default; zero means no limit). A
     * statement cut off by it fails as a lost connection, which the web plugins answer with 503.
     * Raise it for long reports and migrations.
     *
     * @param socketTimeout zero or more
     * @return the new options
     */
    public EngineOptions socketTimeout(Duration socketTimeout) {
        return with(Keys.SOCKET_TIMEOUT, socketTimeout);
    }

    /**
     * Returns a copy with read replicas of this engine's database (streaming standbys): a context
     * reads from one of them until it writes, and from the primary afterwards; see docs/replicas.md.
     *
     * @param replicaUrls the replicas' URLs, SQLAlchemy-style or {@code jdbc:}, in the order tried
     * @return the new options
     */
    public EngineOptions replicaUrls(List<String> replicaUrls) {
        return with(Keys.REPLICA_URLS, replicaUrls);
    }

    /**
     * Returns a copy with the most a replica may lag behind the primary and still serve reads
     * (default 10 seconds); zero takes only replicas that have replayed all they received.
     *
     * @param replicaMaxLag zero or more
     * @return the new options
     */
    public EngineOptions replicaMaxLag(Duration replicaMaxLag) {
        return with(Keys.REPLICA_MAX_LAG, replicaMaxLag);
    }

    /**
     * Returns a copy whose bind serves many tenants: a schema each, a database each, or one
     * {@code @TenantId} column (see docs/tenancy.md).
     *
     * @param tenancy how tenants are kept apart
     * @return the new options
     */
    public EngineOptions tenancy(Tenancy tenancy) {
        return with(Keys.TENANCY, tenancy);
    }

    /**
     * Returns a copy whose database tenancy connects each tenant to this URL, {@code {tenant}} replaced
     * by the tenant's id, such as {@code postgresql://app@db/app_{tenant}}.
     *
     * @param tenantUrl a URL containing {@code {tenant}}
     * @return the new options
     */
    public EngineOptions tenantUrl(String tenantUrl) {
        return with(Keys.TENANT_URL, tenantUrl);
    }

    /**
     * Returns a copy that keeps at most this many tenant pools open under database tenancy (default
     * 20); the least recently used pool is closed to open another.
     *
     * @param tenantPoolsMax at least 1
     * @return the new options
     */
    public EngineOptions tenantPoolsMax(int tenantPoolsMax) {
        return with(Keys.TENANT_POOLS_MAX, tenantPoolsMax);
    }

    /**
     * Returns a copy with one more JDBC driver property (SQLAlchemy's {@code connect_args}).
     *
     * @param name the driver's property name, such as {@code ssl} or {@code busy_timeout}
     * @param value its value
     * @return the new options
     */
    public EngineOptions driverProperty(String name, String value) {
        return withDriverProperties(Map.of(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
    }

    private EngineOptions withDriverProperties(Map<String, String> more) {
        Map<String, String> merged = new LinkedHashMap<>(driverProperties);
        merged.putAll(more);
        return new EngineOptions(values, Collections.unmodifiableMap(merged));
    }

    /**
     * Returns these options with every option that {@code higher} sets replaced by its value;
     * driver properties are merged, {@code higher}'s winning per property.
     *
     * @param higher options of a higher precedence level
     * @return the merged options
     */
    public EngineOptions overriddenBy(EngineOptions higher) {
        Map<Key<?>, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(higher.values);
        return new EngineOptions(Collections.unmodifiableMap(merged), driverProperties)
                .withDriverProperties(higher.driverProperties);
    }

    /**
     * Returns the URL, or {@code null} when unset.
     *
     * @return the URL as configured (it may contain a password: never log it)
     */
    public String url() {
        return get(Keys.URL);
    }

    /**
     * Returns the pool size, or {@code null} when unset.
     *
     * @return the pool size
     */
    public Integer poolSize() {
        return get(Keys.POOL_SIZE);
    }

    /**
     * Returns the pool timeout, or {@code null} when unset.
     *
     * @return the pool timeout
     */
    public Duration poolTimeout() {
        return get(Keys.POOL_TIMEOUT);
    }

    /**
     * Returns the recycle age, or {@code null} when unset.
     *
     * @return the recycle age
     */
    public Duration recycle() {
        return get(Keys.POOL_RECYCLE);
    }

    /**
     * Returns whether pre-ping is on, or {@code null} when unset.
     *
     * @return the pre-ping setting
     */
    public Boolean poolPrePing() {
        return get(Keys.POOL_PRE_PING);
    }

    /**
     * Returns whether statements are echoed, or {@code null} when unset.
     *
     * @return the echo setting
     */
    public Boolean echo() {
        return get(Keys.ENGINE_ECHO);
    }

    /**
     * Returns whether pool events are echoed, or {@code null} when unset.
     *
     * @return the echo-pool setting
     */
    public Boolean echoPool() {
        return get(Keys.ECHO_POOL);
    }

    /**
     * Returns the connect timeout, or {@code null} when unset.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return get(Keys.CONNECT_TIMEOUT);
    }

    /**
     * Returns the socket timeout, or {@code null} when unset.
     *
     * @return the socket timeout
     */
    public Duration socketTimeout() {
        return get(Keys.SOCKET_TIMEOUT);
    }

    /**
     * Returns the replicas' URLs.
     *
     * @return the URLs, empty when the engine has no replicas
     */
    public List<String> replicaUrls() {
        List<String> urls = get(Keys.REPLICA_URLS);
        return urls == null ? List.of() : urls;
    }

    /**
     * Returns the replica lag bound, or {@code null} when unset.
     *
     * @return the bound
     */
    public Duration replicaMaxLag() {
        return get(Keys.REPLICA_MAX_LAG);
    }

    /**
     * Returns how the bind keeps tenants apart, or {@code null} when it serves one tenant.
     *
     * @return the tenancy
     */
    public Tenancy tenancy() {
        return get(Keys.TENANCY);
    }

    /**
     * Returns the URL template of database tenancy, or {@code null} when unset.
     *
     * @return the template, with {@code {tenant}}
     */
    public String tenantUrl() {
        return get(Keys.TENANT_URL);
    }

    /**
     * Returns the most tenant pools kept open under database tenancy, or {@code null} when unset.
     *
     * @return the bound
     */
    public Integer tenantPoolsMax() {
        return get(Keys.TENANT_POOLS_MAX);
    }

    /**
     * Returns the JDBC driver properties.
     *
     * @return an immutable map, possibly empty
     */
    public Map<String, String> driverProperties() {
        return driverProperties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngineOptions o && values.equals(o.values) && driverProperties.equals(o.driverProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, driverProperties);
    }

    /** Describes the options that are set, with the URL's password masked and driver property values left out. */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "EngineOptions{", "}");
        for (Key<?> option : Keys.OPTIONS) {
            Object value = values.get(option);
            if (value == null) continue;
            text.add(option.name() + "=" + (option == Keys.URL || option == Keys.REPLICA_URLS || option == Keys.TENANT_URL
                    ? UrlMasker.mask(String.valueOf(value)) : option.describe(value)));
        }
        if (!driverProperties.isEmpty()) text.add(Keys.CONNECT_ARGS + "=" + driverProperties.keySet());
        return text.toString();
    }
}
