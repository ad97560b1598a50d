package dev.carafe.internal.engine;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.carafe.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * Hands Hibernate the pool's own connections and turns a pool that cannot deliver one into a
 * {@link DatabaseUnavailableException} naming the bind, its masked URL and the pool's counts.
 */
public final class BindConnectionProvider implements ConnectionProvider {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String displayUrl;
    private final transient HikariDataSource dataSource;

    public BindConnectionProvider(String key, String displayUrl, HikariDataSource dataSource) {
        this.key = key;
        this.displayUrl = displayUrl;
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() {
        try {
            return dataSource.getConnection();
        } catch (HikariPool.PoolInitializationException e) {
            throw unavailable("could not connect", rootMessage(e), e);
        } catch (SQLTransientConnectionException e) {
            throw unavailable("no connection became available", rootMessage(e), e);
        } catch (SQLException e) {
            throw unavailable("could not connect", rootMessage(e), e);
        }
    }

    private DatabaseUnavailableException unavailable(String what, String reason, Exception cause) {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        String counts = pool == null ? "pool not started"
                : "total=" + pool.getTotalConnections() + ", active=" + pool.getActiveConnections() + ", idle="
                        + pool.getIdleConnections() + ", waiting=" + pool.getThreadsAwaitingConnection();
        return new DatabaseUnavailableException(key, "Bind '" + key + "' (" + displayUrl + "): " + what + ": "
                + reason + " (" + counts + ", pool-size=" + dataSource.getMaximumPoolSize() + ", pool-timeout="
                + dataSource.getConnectionTimeout() + " ms). Check that the database is running and reachable,"
                + " or raise pool-size / pool-timeout if requests hold connections for long.", cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return error == root || error.getMessage() == null ? message : error.getMessage() + " (" + message + ")";
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this) || type.isInstance(dataSource);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) return type.cast(this);
        if (type.isInstance(dataSource)) return type.cast(dataSource);
        throw new IllegalArgumentException("Cannot unwrap " + getClass().getName() + " as " + type.getName());
    }
}
