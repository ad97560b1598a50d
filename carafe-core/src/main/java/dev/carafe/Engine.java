package dev.carafe;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.carafe.internal.config.DatabaseKind;
import dev.carafe.internal.config.DatabaseUrl;
import javax.sql.DataSource;

/**
 * One bind's connection pool (a HikariCP pool), SQLAlchemy's {@code Engine}. The pool starts on
 * the first connection request, so a bind that is never used never connects. Obtain engines
 * from {@link Carafe#engine()}, {@link Carafe#engine(String)} and {@link Carafe#engines()}.
 *
 * <p>Thread-safe.
 */
public final class Engine {
    private final String key;
    private final DatabaseUrl url;
    private final HikariDataSource dataSource;
    private final boolean echo;
    private final boolean echoPool;

    Engine(String key, DatabaseUrl url, HikariDataSource dataSource, boolean echo, boolean echoPool) {
        this.key = key;
        this.url = url;
        this.dataSource = dataSource;
        this.echo = echo;
        this.echoPool = echoPool;
    }

    /**
     * Returns the bind key this engine serves.
     *
     * @return the key, {@link Binds#DEFAULT} for the default bind
     */
    public String key() {
        return key;
    }

    /**
     * Returns the URL as configured, with its password masked.
     *
     * @return a URL safe to show, such as {@code postgresql://app:***@db/app}
     */
    public String url() {
        return url.displayUrl();
    }

    /**
     * Returns the JDBC URL the driver connects to; it never contains the password.
     *
     * @return the JDBC URL
     */
    public String jdbcUrl() {
        return url.jdbcUrl();
    }

    /**
     * Returns the database product family, such as {@code postgresql}, {@code mariadb},
     * {@code mysql}, {@code sqlite} or {@code h2}.
     *
     * @return the lower-case name, {@code other} when Carafe does not know the database
     */
    public String database() {
        return url.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns whether statements of this engine are logged on {@code carafe.sql}.
     *
     * @return the echo setting
     */
    public boolean echo() {
        return echo;
    }

    /**
     * Returns whether pool events of this engine are logged on {@code carafe.pool}.
     *
     * @return the echo-pool setting
     */
    public boolean echoPool() {
        return echoPool;
    }

    /**
     * Returns the pool as a plain {@link DataSource}, for tools that need one (Flyway, jOOQ).
     *
     * @return the pool
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the number of connections currently borrowed from the pool.
     *
     * @return 0 when the pool has not started
     */
    public int activeConnections() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getActiveConnections();
    }

    /**
     * Returns the number of idle connections in the pool.
     *
     * @return 0 when the pool has not started
     */
    public int idleConnections() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getIdleConnections();
    }

    /**
     * Returns the number of connections the pool holds, active and idle.
     *
     * @return 0 when the pool has not started
     */
    public int totalConnections() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getTotalConnections();
    }

    /**
     * Returns the number of threads waiting for a connection.
     *
     * @return 0 when the pool has not started
     */
    public int threadsAwaitingConnection() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getThreadsAwaitingConnection();
    }

    /**
     * Returns the maximum number of connections the pool may hold.
     *
     * @return the pool size
     */
    public int poolSize() {
        return dataSource.getMaximumPoolSize();
    }

    DatabaseKind kind() {
        return url.kind();
    }

    DatabaseUrl databaseUrl() {
        return url;
    }

    HikariDataSource hikari() {
        return dataSource;
    }

    /** Describes the engine as {@code <Engine auth sqlite:///auth.db>}, password masked. */
    @Override
    public String toString() {
        return "<Engine " + key + " " + url.displayUrl() + ">";
    }
}
