package dev.carafe.bind.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.carafe.bind.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Hibernate the pool's own connections and turns a pool that cannot deliver one into a
 * {@link DatabaseUnavailableException} naming the bind, its masked URL and the pool's counts. While a
 * {@link ConnectionPin} is set (a test's isolation), it hands out leases of the pinned connection
 * instead. A bind with replicas hands a session that has not written a replica's connection.
 */
public final class BindConnectionProvider implements ConnectionProvider {
    private static final long serialVersionUID = 1L;
    private static final Logger POOL = LoggerFactory.getLogger("carafe.pool");

    private final String key;
    private final String displayUrl;
    private final transient HikariDataSource dataSource;
    private final transient DataSource connections;
    private final boolean echoPool;
    private final transient SecondConnections seconds;
    private transient volatile ConnectionPin pin;
    private transient volatile ReadConnections replicas;

    /**
     * Creates the provider.
     *
     * @param key the bind
     * @param displayUrl the masked URL, for messages
     * @param dataSource the bind's pool
     * @param connections where connections come from: the pool itself, or a statement-observing proxy of it
     * @param echoPool whether to log checkouts and checkins on {@code carafe.pool} at DEBUG
     * @param seconds where a thread that holds a connection gets a second one, or {@code null} for SQLite
     */
    public BindConnectionProvider(String key, String displayUrl, HikariDataSource dataSource, DataSource connections,
            boolean echoPool, SecondConnections seconds) {
        this.key = key;
        this.displayUrl = displayUrl;
        this.dataSource = dataSource;
        this.connections = connections;
        this.echoPool = echoPool;
        this.seconds = seconds;
    }

    @Override
    public Connection getConnection() throws SQLException {
        ConnectionPin pinned = pin;
        if (pinned != null) return pinned.lease();
        ReadRoute route = replicas == null ? null : ReadRoute.acquiring();
        if (route != null && !route.primaryOnly()) {
            Connection replica = replicas.take(route);
            if (replica != null) return replica;
        }
        if (seconds != null && seconds.neededByThisThread()) return seconds.get();
        Connection connection = connection(connections);
        if (seconds != null) seconds.tookFirst(connection);
        return connection;
    }

    /**
     * Takes a connection from one of the bind's sources (the pool, or a statement-observing proxy
     * of it), explaining a pool that cannot deliver one.
     *
     * @param source where to take it from
     * @return the connection
     * @throws DatabaseUnavailableException when the pool gives none
     */
    public Connection connection(DataSource source) {
        try {
            Connection connection = source.getConnection();
            if (echoPool && POOL.isDebugEnabled()) POOL.debug("[{}] checkout ({})", key, counts());
            return connection;
        } catch (HikariPool.PoolInitializationException e) {
            throw unavailable("could not connect", rootMessage(e), e);
        } catch (SQLTransientConnectionException e) {
            throw unavailable("no connection became available", rootMessage(e), e);
        } catch (SQLException e) {
            throw unavailable("could not connect", rootMessage(e), e);
        }
    }

    private String counts() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? "pool not started"
                : "total=" + pool.getTotalConnections() + ", active=" + pool.getActiveConnections() + ", idle="
                        + pool.getIdleConnections() + ", waiting=" + pool.getThreadsAwaitingConnection();
    }

    private DatabaseUnavailableException unavailable(String what, String reason, Exception cause) {
        String counts = counts();
        return new DatabaseUnavailableException(key, "Bind '" + key + "' (" + displayUrl + "): " + what + ": "
                + reason + " (" + counts + ", pool-size=" + dataSource.getMaximumPoolSize() + ", pool-timeout="
                + dataSource.getConnectionTimeout() + " ms). Check that the database is running and reachable,"
                + " or raise pool-size / pool-timeout if requests hold connections for long.", counts, cause);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return error == root || error.getMessage() == null ? message : error.getMessage() + " (" + message + ")";
    }

    /**
     * Sets or clears the pin: sessions opened while it is set run on its leases.
     *
     * @param pinned the pin, or {@code null} to go back to the pool
     */
    void pin(ConnectionPin pinned) {
        this.pin = pinned;
    }

    /**
     * Sets the bind's replicas.
     *
     * @param readConnections the replicas, or {@code null} for none
     */
    void replicas(ReadConnections readConnections) {
        this.replicas = readConnections;
    }

    /**
     * Tells whether connections are pinned.
     *
     * @return whether a pin is set
     */
    boolean pinned() {
        return pin != null;
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        if (replicas != null && replicas.giveBack(connection)) return;
        if (seconds != null) seconds.returned(connection);
        connection.close();
        if (echoPool && POOL.isDebugEnabled()) POOL.debug("[{}] checkin ({})", key, counts());
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
