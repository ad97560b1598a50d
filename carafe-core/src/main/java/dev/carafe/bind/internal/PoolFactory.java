package dev.carafe.bind.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** Builds one bind's HikariCP pool from its engine options, with Flask-SQLAlchemy's driver defaults. */
public final class PoolFactory {
    private static final int DEFAULT_POOL_SIZE = 10;
    private static final Duration MYSQL_RECYCLE = Duration.ofHours(2);
    private static final Duration PRE_PING_KEEPALIVE = Duration.ofSeconds(30);
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(1);

    private PoolFactory() {}

    /**
     * Returns a pool that has not started yet: HikariCP opens its first connection when one is
     * first requested, so building Carafe never connects to a database.
     */
    public static HikariDataSource create(String key, DatabaseUrl url, EngineOptions options) {
        return create(key, url, options, false);
    }

    /**
     * Returns a pool of one read replica: read-only connections, with the bind's settings, except that
     * a request waits at most one second for a connection before reading from the primary instead.
     *
     * @param key the bind key
     * @param number the replica's place among the bind's replicas, from 1
     * @param url the replica's URL
     * @param options the bind's engine options
     * @return a pool that has not started yet
     */
    public static HikariDataSource createReplica(String key, int number, DatabaseUrl url, EngineOptions options) {
        HikariDataSource pool = create(key, url, options, false);
        pool.setPoolName("carafe-" + key + "-replica-" + number);
        pool.setReadOnly(true);
        pool.setConnectionTimeout(Math.min(pool.getConnectionTimeout(), REPLICA_WAIT.toMillis()));
        return pool;
    }

    /**
     * Returns the small pool that serves a thread's second connection (see {@link SecondConnections}):
     * two connections at most, with the bind's settings otherwise.
     */
    static HikariDataSource createSecond(String key, DatabaseUrl url, EngineOptions options) {
        return create(key, url, options, true);
    }

    private static HikariDataSource create(String key, DatabaseUrl url, EngineOptions options, boolean second) {
        requireDriver(key, url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("carafe-" + key + (second ? "-second" : ""));
        config.setJdbcUrl(url.jdbcUrl());
        if (url.kind().driverClass() != null) config.setDriverClassName(url.kind().driverClass());
        if (url.username() != null) config.setUsername(url.username());
        if (url.password() != null) config.setPassword(url.password());
        NetworkTimeouts.of(url.kind(), options).forEach(config::addDataSourceProperty);
        // A SQLite transaction takes the write lock when it begins (Carafe begins one at the first write),
        // so two pooled connections never deadlock by upgrading their locks; the driver then waits on busy_timeout.
        if (url.kind() == DatabaseKind.SQLITE) config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        options.driverProperties().forEach(config::addDataSourceProperty);
        // Connections arrive in autocommit, so a request that only reads runs each statement
        // alone (one round trip, no BEGIN/ROLLBACK pair); Carafe begins a transaction at the
        // first write. PostgreSQL's driver switches autocommit on the client, without a round trip.
        config.setMaximumPoolSize(options.poolSize() != null ? options.poolSize() : defaultPoolSize(url));
        // Connections open as requests need them, as SQLAlchemy's pools do, instead of HikariCP's
        // fixed pool: an application with several binds (or many test databases) holds only the
        // connections it uses. Busy connections stay in the pool; idle ones close after 10 minutes.
        config.setMinimumIdle(0);
        if (options.poolTimeout() != null) config.setConnectionTimeout(options.poolTimeout().toMillis());
        if (options.recycle() != null) {
            config.setMaxLifetime(options.recycle().toMillis());
        } else if (url.kind().isMySqlFamily()) {
            config.setMaxLifetime(MYSQL_RECYCLE.toMillis());
        }
        if (Boolean.TRUE.equals(options.poolPrePing())) config.setKeepaliveTime(PRE_PING_KEEPALIVE.toMillis());
        if (url.kind() == DatabaseKind.SQLITE && url.inMemory()) {
            // One shared connection that is never retired: closing it would lose the database.
            config.setMaximumPoolSize(1);
            config.setMinimumIdle(1);
            config.setMaxLifetime(0);
            config.setIdleTimeout(0);
        }
        if (url.instanceFile() != null) createParentFolder(key, url);
        if (second) config.setMaximumPoolSize(2);
        HikariDataSource dataSource = new HikariDataSource();
        config.copyStateTo(dataSource);
        return dataSource;
    }

    private static int defaultPoolSize(DatabaseUrl url) {
        // SQLite allows one writer at a time; a single connection makes transactions queue in the
        // pool instead of failing with SQLITE_BUSY. Raise pool-size for read-heavy WAL databases.
        return url.kind() == DatabaseKind.SQLITE ? 1 : DEFAULT_POOL_SIZE;
    }

    private static void createParentFolder(String key, DatabaseUrl url) {
        try {
            Files.createDirectories(url.instanceFile().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the folder for bind '" + key + "' at "
                    + url.instanceFile().getParent() + "; set instance-path to a writable folder.", e);
        }
    }

    private static void requireDriver(String key, DatabaseUrl url) {
        String driverClass = url.kind().driverClass();
        if (driverClass != null) {
            try {
                Class.forName(driverClass, false, PoolFactory.class.getClassLoader());
                return;
            } catch (ClassNotFoundException e) {
                throw new ConfigException("Bind '" + key + "' (" + url.displayUrl() + ") needs the JDBC driver "
                        + driverClass + ", which is not on the classpath. Add the dependency "
                        + url.kind().mavenCoordinates() + " to your build.");
            }
        }
        try {
            DriverManager.getDriver(url.jdbcUrl());
        } catch (SQLException e) {
            throw new ConfigException("Bind '" + key + "' (" + url.displayUrl() + "): no JDBC driver on the"
                    + " classpath accepts this URL. Add the database's JDBC driver to your build.");
        }
    }
}
