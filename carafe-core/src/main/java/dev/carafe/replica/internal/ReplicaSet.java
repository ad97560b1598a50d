package dev.carafe.replica.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.bind.internal.PoolFactory;
import dev.carafe.bind.internal.ReadConnections;
import dev.carafe.bind.internal.ReadRoute;
import dev.carafe.config.EngineOptions;
import dev.carafe.observe.internal.Observers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read replicas of one bind. A read takes the next replica in turn that is up, lags less than
 * {@code replica-max-lag} and has replayed the position its context requires; each such check is
 * one small query on a connection of the replica's pool, outside the recorded statements. When
 * none qualifies, the read goes to the primary. Thread-safe.
 */
public final class ReplicaSet implements ReadConnections {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.replica");
    private static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(10);

    private final String bind;
    private final List<Replica> replicas;
    private final ReplayCheck check;
    private final Duration maxLag;
    private final AtomicInteger turn = new AtomicInteger();
    private final Map<Connection, Replica> lent = Collections.synchronizedMap(new IdentityHashMap<>());

    private ReplicaSet(String bind, List<Replica> replicas, ReplayCheck check, Duration maxLag) {
        this.bind = bind;
        this.replicas = replicas;
        this.check = check;
        this.maxLag = maxLag;
    }

    /**
     * Creates the pools of a bind's replicas (without connecting) and their statement observers.
     *
     * @param bind the bind key
     * @param where the configuration key of the URLs, for messages
     * @param options the bind's engine options, with {@code replica-urls}
     * @param instancePath the instance folder
     * @param echo whether the bind echoes its statements
     * @param observers what watches statements
     * @return the replicas
     * @throws dev.carafe.config.ConfigException for a bad URL or a missing driver
     */
    public static ReplicaSet start(String bind, String where, EngineOptions options, Path instancePath, boolean echo,
            Observers observers) {
        List<Replica> replicas = new ArrayList<>();
        DatabaseKind kind = null;
        try {
            for (String text : options.replicaUrls()) {
                DatabaseUrl url = DatabaseUrl.parse(where, text, instancePath);
                kind = url.kind();
                HikariDataSource pool = PoolFactory.createReplica(bind, replicas.size() + 1, url, options);
                String node = "replica " + NodeNames.hostAndPort(url.jdbcUrl());
                replicas.add(new Replica(bind, node, pool, observers.watch(bind, node, echo, pool)));
            }
        } catch (RuntimeException e) {
            replicas.forEach(Replica::close);
            throw e;
        }
        Duration maxLag = options.replicaMaxLag() != null ? options.replicaMaxLag() : DEFAULT_MAX_LAG;
        return new ReplicaSet(bind, List.copyOf(replicas), ReplayCheck.of(kind), maxLag);
    }

    @Override
    public Connection take(ReadRoute route) {
        String required = route.requiredPosition();
        int first = Math.floorMod(turn.getAndIncrement(), replicas.size());
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get((first + i) % replicas.size());
            if (!replica.available()) continue;
            try {
                if (!serves(replica, required)) continue;
                Connection connection = replica.connections().getConnection();
                lent.put(connection, replica);
                route.connectedTo(replica.node());
                return connection;
            } catch (SQLException | RuntimeException e) {
                replica.failed(e);
            }
        }
        return null;
    }

    private boolean serves(Replica replica, String required) throws SQLException {
        ReplayCheck.State state;
        try (Connection connection = replica.pool().getConnection()) {
            state = check.replicaState(connection, replica);
        }
        replica.reached();
        if (state.lag() == null || state.lag().compareTo(maxLag) > 0) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Bind '{}': {} skipped, {}", bind, replica.node(), state.lag() == null ? "it is not replicating (promoted, or its replication stopped)"
                        : "it lags " + state.lag().toMillis() + " ms (replica-max-lag " + maxLag.toMillis() + " ms)");
            }
            return false;
        }
        return check.reached(state.replayed(), required);
    }

    @Override
    public boolean giveBack(Connection connection) {
        if (lent.remove(connection) == null) return false;
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Bind '{}': returning a replica connection failed", bind, e);
        }
        return true;
    }

    @Override
    public void failed(String node) {
        for (Replica replica : replicas) {
            if (replica.node().equals(node)) replica.failed(null);
        }
    }

    @Override
    public String primaryPosition(Connection primary) {
        try {
            return check.primaryPosition(primary);
        } catch (SQLException e) {
            LOG.debug("Bind '{}': could not read the primary's position", bind, e);
            return null;
        }
    }

    @Override
    public void close() {
        replicas.forEach(Replica::close);
    }
}
