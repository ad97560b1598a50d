package dev.carafe.bind;

import javax.sql.DataSource;

/**
 * One bind's connection pool (a HikariCP pool), SQLAlchemy's {@code Engine}. The pool starts on
 * the first connection request, so a bind that is never used never connects. Obtain engines
 * from {@link dev.carafe.Carafe#engine()}, {@link dev.carafe.Carafe#engine(String)} and
 * {@link dev.carafe.Carafe#engines()}; Carafe makes them, applications do not implement this.
 *
 * <p>Thread-safe.
 */
public interface Engine {

    /**
     * Returns the bind key this engine serves.
     *
     * @return the key, {@link Binds#DEFAULT} for the default bind
     */
    String key();

    /**
     * Returns the URL as configured, with its password masked.
     *
     * @return a URL safe to show, such as {@code postgresql://app:***@db/app}
     */
    String url();

    /**
     * Returns the JDBC URL the driver connects to; it never contains the password.
     *
     * @return the JDBC URL
     */
    String jdbcUrl();

    /**
     * Returns the database product family, such as {@code postgresql}, {@code mariadb},
     * {@code mysql}, {@code sqlite} or {@code h2}.
     *
     * @return the lower-case name, {@code other} when Carafe does not know the database
     */
    String database();

    /**
     * Returns whether statements of this engine are logged on {@code carafe.sql}.
     *
     * @return the echo setting
     */
    boolean echo();

    /**
     * Returns whether pool events of this engine are logged on {@code carafe.pool}.
     *
     * @return the echo-pool setting
     */
    boolean echoPool();

    /**
     * Returns the pool as a plain {@link DataSource}, for tools that need one (Flyway, jOOQ).
     *
     * @return the pool
     */
    DataSource dataSource();

    /**
     * Returns the number of connections currently borrowed from the pool.
     *
     * @return 0 when the pool has not started
     */
    int activeConnections();

    /**
     * Returns the number of idle connections in the pool.
     *
     * @return 0 when the pool has not started
     */
    int idleConnections();

    /**
     * Returns the number of connections the pool holds, active and idle.
     *
     * @return 0 when the pool has not started
     */
    int totalConnections();

    /**
     * Returns the number of threads waiting for a connection.
     *
     * @return 0 when the pool has not started
     */
    int threadsAwaitingConnection();

    /**
     * Returns the maximum number of connections the pool may hold.
     *
     * @return the pool size
     */
    int poolSize();
}
