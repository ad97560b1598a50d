package dev.carafe.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL primary and streaming hot standby of {@code .ci/topology/pg-replica}, started by the
 * first test that needs them (the script is idempotent) and left running for the next. Tests skip
 * with the reason when it cannot start, and fail instead under CARAFE_REQUIRE_DATABASES=true.
 */
public final class PgReplicaTopology {
    /** The primary, as a Carafe URL. */
    public static final String PRIMARY_URL = "postgresql://postgres@127.0.0.1:5442/carafe_test";
    /** The standby, as a Carafe URL. */
    public static final String STANDBY_URL = "postgresql://postgres@127.0.0.1:5443/carafe_test";
    /** The standby's node name in recordings. */
    public static final String STANDBY_NODE = "replica 127.0.0.1:5443";
    private static final String PG_BIN = "/usr/lib/postgresql/15/bin";
    private static final String STANDBY_DIR = "/tmp/carafe-pg-replica/standby";
    private static String unavailable;
    private static boolean started;

    private PgReplicaTopology() {}

    /** Starts the topology when it is not up, or skips (fails in CI) the calling test with the reason. */
    public static synchronized void assumeRunning() {
        if (!started && unavailable == null) {
            String output = script("start");
            if (output != null) unavailable = output;
            started = output == null;
        }
        if (unavailable == null) return;
        TopologyScripts.unavailable("The PostgreSQL primary and standby of .ci/topology/pg-replica could not start: "
                + unavailable);
    }

    /** Pauses WAL replay on the standby: commits on the primary are received but not visible there. */
    public static void pauseReplay() {
        require(script("pause-replay"), "pause-replay");
    }

    /** Resumes WAL replay on the standby. */
    public static void resumeReplay() {
        require(script("resume-replay"), "resume-replay");
    }

    /** Stops the standby's server (a crash of the replica, as clients see it). */
    public static void stopStandby() {
        require(run(List.of("su", "postgres", "-c", PG_BIN + "/pg_ctl -D " + STANDBY_DIR + " -m immediate -w stop")),
                "stopping the standby");
    }

    /** Starts the standby's server again and waits until it accepts connections. */
    public static void startStandby() {
        require(run(List.of("su", "postgres", "-c", PG_BIN + "/pg_ctl -D " + STANDBY_DIR + " -l " + STANDBY_DIR
                + ".log -o '-p 5443' -w -t 60 start")), "starting the standby");
    }

    /** Waits (10 s at most) until the standby has replayed everything the primary has written so far. */
    public static void awaitStandbyCaughtUp() {
        String target = query(5442, "select pg_current_wal_lsn()::text");
        for (int attempt = 0; attempt < 200; attempt++) {
            if ("t".equals(queryStandby("select pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn"))) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("The standby did not replay up to " + target + " in 10 s");
    }

    /** Runs a query on the standby, bypassing Carafe, and returns the first column of its first row. */
    public static String queryStandby(String sql) {
        return query(5443, sql);
    }

    private static String query(int port, String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/carafe_test?user=postgres"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(String failure, String what) {
        TopologyScripts.require(failure, what);
    }

    private static String script(String command) {
        return TopologyScripts.script("pg-replica", command);
    }

    private static String run(List<String> command) {
        return TopologyScripts.run(command);
    }
}
