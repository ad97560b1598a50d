package dev.carafe;

import dev.carafe.internal.config.ClosestName;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    public static final List<String> OPTION_NAMES = List.of(
            "url", "pool-size", "pool-timeout", "pool-recycle", "pool-pre-ping", "echo", "echo-pool",
            "connect-args");

    private static final EngineOptions EMPTY =
            new EngineOptions(null, null, null, null, null, null, null, Map.of());

    private final String url;
    private final Integer poolSize;
    private final Duration poolTimeout;
    private final Duration recycle;
    private final Boolean poolPrePing;
    private final Boolean echo;
    private final Boolean echoPool;
    private final Map<String, String> driverProperties;

    private EngineOptions(String url, Integer poolSize, Duration poolTimeout, Duration recycle,
            Boolean poolPrePing, Boolean echo, Boolean echoPool, Map<String, String> driverProperties) {
        this.url = url;
        this.poolSize = poolSize;
        this.poolTimeout = poolTimeout;
        this.recycle = recycle;
        this.poolPrePing = poolPrePing;
        this.echo = echo;
        this.echoPool = echoPool;
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
            String name = normalize(dot < 0 ? written : written.substring(0, dot));
            Object value = entry.getValue();
            String key = where + "." + written;
            if (dot >= 0) {
                if (!name.equals("connect-args")) throw unknownOption(key, name);
                options = options.driverProperty(written.substring(dot + 1), String.valueOf(value));
                continue;
            }
            options = switch (name) {
                case "url" -> options.withUrl(ConfigValues.string(key, value));
                case "pool-size" -> options.poolSize(key, ConfigValues.wholeNumber(key, value));
                case "pool-timeout" -> options.poolTimeout(key, ConfigValues.seconds(key, value));
                case "pool-recycle" -> options.recycle(key, ConfigValues.seconds(key, value));
                case "pool-pre-ping" -> options.poolPrePing(ConfigValues.bool(key, value));
                case "echo" -> options.echo(ConfigValues.bool(key, value));
                case "echo-pool" -> options.echoPool(ConfigValues.bool(key, value));
                case "connect-args" -> options.overriddenBy(EMPTY.driverProperties(ConfigValues.stringMap(key, value)));
                default -> throw unknownOption(key, name);
            };
        }
        return options;
    }

    private static String normalize(String optionName) {
        return optionName.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ConfigException unknownOption(String key, String name) {
        String suggestion = ClosestName.among(name, OPTION_NAMES)
                .map(closest -> " Did you mean '" + closest + "'?").orElse("");
        return new ConfigException("Unknown engine option '" + key + "'." + suggestion + " Valid options are: "
                + String.join(", ", OPTION_NAMES) + ".");
    }

    /**
     * Returns a copy with another URL.
     *
     * @param url a SQLAlchemy-style or {@code jdbc:} URL
     * @return the new options
     */
    public EngineOptions withUrl(String url) {
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
    }

    /**
     * Returns a copy with the maximum number of connections in the pool (HikariCP's
     * {@code maximumPoolSize}; default 10).
     *
     * @param poolSize at least 1
     * @return the new options
     */
    public EngineOptions poolSize(int poolSize) {
        return poolSize("pool-size", poolSize);
    }

    private EngineOptions poolSize(String key, int poolSize) {
        if (poolSize < 1) {
            throw new ConfigException("'" + key + "' must be at least 1, got " + poolSize + ".");
        }
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
    }

    /**
     * Returns a copy with the longest wait for a free connection before the pool gives up
     * (HikariCP's {@code connectionTimeout}; default 30 seconds).
     *
     * @param poolTimeout at least 250 ms
     * @return the new options
     */
    public EngineOptions poolTimeout(Duration poolTimeout) {
        return poolTimeout("pool-timeout", poolTimeout);
    }

    private EngineOptions poolTimeout(String key, Duration poolTimeout) {
        if (poolTimeout.toMillis() < 250) {
            throw new ConfigException("'" + key + "' must be at least 0.25 seconds (HikariCP's minimum), got "
                    + ConfigValues.inSeconds(poolTimeout) + " seconds.");
        }
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
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
        return recycle("pool-recycle", recycle);
    }

    private EngineOptions recycle(String key, Duration recycle) {
        if (!recycle.isZero() && recycle.toMillis() < 30_000) {
            throw new ConfigException("'" + key + "' must be 0 (never recycle) or at least 30 seconds (HikariCP's"
                    + " minimum), got " + ConfigValues.inSeconds(recycle) + " seconds.");
        }
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
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
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
    }

    /**
     * Returns a copy that logs every statement of this engine on the {@code carafe.sql} logger.
     *
     * @param echo whether to log statements
     * @return the new options
     */
    public EngineOptions echo(boolean echo) {
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
    }

    /**
     * Returns a copy that logs pool events of this engine on the {@code carafe.pool} logger.
     *
     * @param echoPool whether to log pool events
     * @return the new options
     */
    public EngineOptions echoPool(boolean echoPool) {
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                driverProperties);
    }

    /**
     * Returns a copy with one more JDBC driver property (SQLAlchemy's {@code connect_args}).
     *
     * @param name the driver's property name, such as {@code ssl} or {@code busy_timeout}
     * @param value its value
     * @return the new options
     */
    public EngineOptions driverProperty(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(driverProperties);
        merged.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return driverProperties(merged);
    }

    private EngineOptions driverProperties(Map<String, String> properties) {
        return new EngineOptions(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool,
                Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
    }

    /**
     * Returns these options with every option that {@code higher} sets replaced by its value;
     * driver properties are merged, {@code higher}'s winning per property.
     *
     * @param higher options of a higher precedence level
     * @return the merged options
     */
    public EngineOptions overriddenBy(EngineOptions higher) {
        Map<String, String> properties = new LinkedHashMap<>(driverProperties);
        properties.putAll(higher.driverProperties);
        return new EngineOptions(
                higher.url != null ? higher.url : url,
                higher.poolSize != null ? higher.poolSize : poolSize,
                higher.poolTimeout != null ? higher.poolTimeout : poolTimeout,
                higher.recycle != null ? higher.recycle : recycle,
                higher.poolPrePing != null ? higher.poolPrePing : poolPrePing,
                higher.echo != null ? higher.echo : echo,
                higher.echoPool != null ? higher.echoPool : echoPool,
                Collections.unmodifiableMap(properties));
    }

    /**
     * Returns the URL, or {@code null} when unset.
     *
     * @return the URL as configured (it may contain a password: never log it)
     */
    public String url() {
        return url;
    }

    /**
     * Returns the pool size, or {@code null} when unset.
     *
     * @return the pool size
     */
    public Integer poolSize() {
        return poolSize;
    }

    /**
     * Returns the pool timeout, or {@code null} when unset.
     *
     * @return the pool timeout
     */
    public Duration poolTimeout() {
        return poolTimeout;
    }

    /**
     * Returns the recycle age, or {@code null} when unset.
     *
     * @return the recycle age
     */
    public Duration recycle() {
        return recycle;
    }

    /**
     * Returns whether pre-ping is on, or {@code null} when unset.
     *
     * @return the pre-ping setting
     */
    public Boolean poolPrePing() {
        return poolPrePing;
    }

    /**
     * Returns whether statements are echoed, or {@code null} when unset.
     *
     * @return the echo setting
     */
    public Boolean echo() {
        return echo;
    }

    /**
     * Returns whether pool events are echoed, or {@code null} when unset.
     *
     * @return the echo-pool setting
     */
    public Boolean echoPool() {
        return echoPool;
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
        return other instanceof EngineOptions o && Objects.equals(url, o.url)
                && Objects.equals(poolSize, o.poolSize) && Objects.equals(poolTimeout, o.poolTimeout)
                && Objects.equals(recycle, o.recycle) && Objects.equals(poolPrePing, o.poolPrePing)
                && Objects.equals(echo, o.echo) && Objects.equals(echoPool, o.echoPool)
                && driverProperties.equals(o.driverProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, poolSize, poolTimeout, recycle, poolPrePing, echo, echoPool, driverProperties);
    }

    /** Describes the options that are set, with the URL's password masked. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("EngineOptions{");
        if (url != null) text.append("url=").append(dev.carafe.internal.config.UrlMasker.mask(url)).append(", ");
        if (poolSize != null) text.append("pool-size=").append(poolSize).append(", ");
        if (poolTimeout != null) text.append("pool-timeout=").append(poolTimeout).append(", ");
        if (recycle != null) text.append("pool-recycle=").append(recycle).append(", ");
        if (poolPrePing != null) text.append("pool-pre-ping=").append(poolPrePing).append(", ");
        if (echo != null) text.append("echo=").append(echo).append(", ");
        if (echoPool != null) text.append("echo-pool=").append(echoPool).append(", ");
        if (!driverProperties.isEmpty()) text.append("connect-args=").append(driverProperties.keySet()).append(", ");
        if (text.charAt(text.length() - 1) == ' ') text.setLength(text.length() - 2);
        return text.append('}').toString();
    }
}
