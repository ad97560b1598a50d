package dev.carafe.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The three-node MariaDB Galera cluster of {@code .ci/topology/galera} (nodes on 127.0.0.1:3311,
 * 3312 and 3313), started by the first test that needs it and left running for the next test
 * class (the script's {@code start} returns at once when it is up). Without it, a test is skipped
 * with the reason, or fails under CARAFE_REQUIRE_DATABASES=true.
 */
public final class GaleraCluster {
    /** The client ports of nodes 1, 2 and 3. */
    public static final List<Integer> PORTS = List.of(3311, 3312, 3313);

    private static final long START_SECONDS = 240;
    private static String unavailable;
    private static boolean checked;

    private GaleraCluster() {}

    /** Starts the cluster unless it is up and creates the test database; skips or fails when it cannot. */
    public static synchronized void assumeRunning() {
        if (!checked) {
            checked = true;
            unavailable = start();
        }
        if (unavailable != null) {
            String message = "the Galera cluster of .ci/topology/galera is not available (" + unavailable + ")";
            if ("true".equals(System.getenv("CARAFE_REQUIRE_DATABASES"))) {
                throw new AssertionError(message + "; CARAFE_REQUIRE_DATABASES=true requires it");
            }
            Assumptions.abort(message + "; run .ci/topology/galera start as root to run this test");
        }
    }

    private static String start() {
        Path script = script();
        if (script == null) return "no .ci/topology/galera above " + Path.of("").toAbsolutePath();
        String result = run(START_SECONDS, script.toString(), "start");
        if (result != null) return result;
        try {
            execute(1, "create database if not exists " + TestDatabase.DATABASE);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Kills node {@code n} with SIGKILL (a crash) and waits until the others see the smaller cluster. */
    public static void killNode(int n) {
        requireOk(run(60, script().toString(), "kill-node", Integer.toString(n)));
    }

    /** Starts node {@code n} again and waits until it is synced in the full cluster. */
    public static void startNode(int n) {
        requireOk(run(START_SECONDS, script().toString(), "start-node", Integer.toString(n)));
    }

    /** A MariaDB Connector/J URL naming the three nodes, in a failover mode such as {@code sequential}. */
    public static String url(String mode) {
        return "jdbc:mariadb:" + mode + "://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/" + TestDatabase.DATABASE
                + "?user=root";
    }

    /** A URL of one node. */
    public static String nodeUrl(int n) {
        return "jdbc:mariadb://127.0.0.1:" + PORTS.get(n - 1) + "/" + TestDatabase.DATABASE + "?user=root";
    }

    /** Runs SQL on node {@code n}, with causal reads ({@code wsrep_sync_wait=1}), bypassing Carafe. */
    public static void execute(int n, String... statements) {
        String url = "jdbc:mariadb://127.0.0.1:" + PORTS.get(n - 1) + "/?user=root&connectTimeout=3000";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("set session wsrep_sync_wait = 1");
            for (String sql : statements) statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("node " + n + ": " + e.getMessage(), e);
        }
    }

    /** Counts the rows of a query's first column on node {@code n}, with causal reads. */
    public static long count(int n, String sql) {
        String url = nodeUrl(n) + "&connectTimeout=3000";
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("set session wsrep_sync_wait = 1");
            var rows = statement.executeQuery(sql);
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("node " + n + ": " + e.getMessage(), e);
        }
    }

    private static void requireOk(String failure) {
        if (failure != null) throw new IllegalStateException(failure);
    }

    /** Runs the script; returns null on success, else what went wrong with the end of its output. */
    private static String run(long seconds, String... command) {
        try {
            Path log = Files.createTempFile("carafe-galera", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return String.join(" ", command) + " did not finish in " + seconds + " s";
                }
                if (process.exitValue() == 0) return null;
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(" ", command) + " exited with " + process.exitValue() + ": "
                        + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(".ci/topology/galera");
            if (Files.isExecutable(script)) return script;
        }
        return null;
    }
}
