package dev.carafe.testing;

import dev.carafe.Carafe;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The four databases every database test runs on. H2 and SQLite are embedded and always there;
 * PostgreSQL and MariaDB are the local servers on 127.0.0.1. A server that does not answer makes
 * its tests skipped with the reason, unless CARAFE_REQUIRE_DATABASES=true (as in CI), where it fails.
 */
public enum TestDatabase {
    H2,
    SQLITE,
    POSTGRESQL,
    MARIADB;

    /**
     * The database the server-backed tests use, created on first use when missing; the system
     * property carafe.test.database picks another, so two checkouts can test side by side.
     */
    public static final String DATABASE = System.getProperty("carafe.test.database", "carafe_test");

    private static final Map<TestDatabase, String> UNAVAILABLE = new ConcurrentHashMap<>();
    private static final Map<TestDatabase, Boolean> CHECKED = new ConcurrentHashMap<>();

    /** A URL of a fresh database for one test: in-memory for H2, a file in {@code dir} for SQLite. */
    public String url(Path dir) {
        return switch (this) {
            case H2 -> "jdbc:h2:mem:test-" + UUID.randomUUID();
            case SQLITE -> "sqlite:///" + dir.resolve("test-" + UUID.randomUUID() + ".db").toAbsolutePath();
            case POSTGRESQL -> "postgresql://postgres@127.0.0.1:5432/" + DATABASE;
            case MARIADB -> "mariadb://root@127.0.0.1:3306/" + DATABASE;
        };
    }

    /** A plain JDBC URL of the server's test database, for fixtures that bypass Carafe. */
    public String jdbcUrl() {
        return switch (this) {
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/" + DATABASE + "?user=postgres";
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/" + DATABASE + "?user=root";
            default -> throw new IllegalStateException(this + " has no shared server database");
        };
    }

    /** Whether this database is served by a local server (and so shared between tests). */
    public boolean isServer() {
        return this == POSTGRESQL || this == MARIADB;
    }

    /** Skips the calling test (or fails it in CI) when this database's server does not answer. */
    public void assumeAvailable() {
        if (!isServer()) return;
        CHECKED.computeIfAbsent(this, db -> {
            try {
                db.ensureDatabase();
            } catch (SQLException e) {
                UNAVAILABLE.put(db, e.getMessage());
            }
            return true;
        });
        String reason = UNAVAILABLE.get(this);
        if (reason != null) {
            String message = this + " is not answering on 127.0.0.1 (" + reason + ")";
            if ("true".equals(System.getenv("CARAFE_REQUIRE_DATABASES"))) {
                throw new AssertionError(message + "; CARAFE_REQUIRE_DATABASES=true requires it");
            }
            Assumptions.abort(message + "; start it to run this test");
        }
    }

    private void ensureDatabase() throws SQLException {
        String admin = this == POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=3"
                : "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000";
        try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
            if (this == POSTGRESQL) {
                var rows = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
                if (!rows.next()) statement.execute("create database " + DATABASE);
            } else {
                statement.execute("create database if not exists " + DATABASE);
            }
        }
    }

    /** Runs plain SQL against the server's test database, bypassing Carafe. */
    public void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl()); Statement statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
