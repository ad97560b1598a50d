package dev.carafe.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB primary and asynchronous GTID replica of {@code .ci/topology/mariadb-replica}, started
 * by the first test that needs them (the script is idempotent) and left running for the next.
 * Tests skip with the reason when it cannot start, and fail instead under
 * CARAFE_REQUIRE_DATABASES=true.
 */
public final class MariaDbReplicaTopology {
    /** The primary's port. */
    public static final int PRIMARY_PORT = 3321;
    /** The replica's port. */
    public static final int REPLICA_PORT = 3322;
    /** The primary, as a Carafe URL. */
    public static final String PRIMARY_URL = "mariadb://root@127.0.0.1:3321/carafe_test";
    /** The replica, as a Carafe URL. */
    public static final String REPLICA_URL = "mariadb://root@127.0.0.1:3322/carafe_test";
    /** The replica's node name in recordings. */
    public static final String REPLICA_NODE = "replica 127.0.0.1:3322";
    private static final String SCRIPT = "mariadb-replica";
    private static String unavailable;
    private static boolean started;

    private MariaDbReplicaTopology() {}

    /** Starts the topology when it is not up, or skips (fails in CI) the calling test with the reason. */
    public static synchronized void assumeRunning() {
        if (!started && unavailable == null) {
            unavailable = TopologyScripts.script(SCRIPT, "start");
            started = unavailable == null;
        }
        if (unavailable != null) {
            TopologyScripts.unavailable("The MariaDB primary and replica of .ci/topology/mariadb-replica could not"
                    + " start: " + unavailable);
        }
    }

    /** Stops the replica's SQL thread: the IO thread keeps receiving, nothing new is applied. */
    public static void pauseReplay() {
        TopologyScripts.require(TopologyScripts.script(SCRIPT, "pause-replay"), "pause-replay");
    }

    /** Starts the replica's SQL thread again. */
    public static void resumeReplay() {
        TopologyScripts.require(TopologyScripts.script(SCRIPT, "resume-replay"), "resume-replay");
    }

    /** Shuts the replica's server down. */
    public static void stopReplica() {
        TopologyScripts.require(TopologyScripts.script(SCRIPT, "stop-replica"), "stop-replica");
    }

    /** Starts the replica's server again and waits until it replicates. */
    public static void startReplica() {
        TopologyScripts.require(TopologyScripts.script(SCRIPT, "start-replica"), "start-replica");
    }

    /** Waits (10 s at most) until the replica has applied everything the primary has written so far. */
    public static void awaitReplicaCaughtUp() {
        String target = query(PRIMARY_PORT, "select @@gtid_binlog_pos");
        String waited = queryReplica("select master_gtid_wait('" + target + "', 10)");
        if (!"0".equals(waited)) throw new AssertionError("The replica did not apply up to " + target + " in 10 s");
    }

    /** Waits (10 s at most) until the replica's IO thread has received everything the primary has written. */
    public static void awaitReplicaReceived() {
        String target = query(PRIMARY_PORT, "select @@gtid_binlog_pos");
        for (int attempt = 0; attempt < 200; attempt++) {
            if (target.equals(slaveStatus("Gtid_IO_Pos"))) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("The replica did not receive up to " + target + " in 10 s");
    }

    /** Returns one column of the replica's SHOW SLAVE STATUS. */
    public static String slaveStatus(String column) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + REPLICA_PORT
                + "/carafe_test?user=root"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("show slave status")) {
            return rows.next() ? rows.getString(column) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a query on the replica, bypassing Carafe, and returns the first column of its first row. */
    public static String queryReplica(String sql) {
        return query(REPLICA_PORT, sql);
    }

    private static String query(int port, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port
                + "/carafe_test?user=root"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
