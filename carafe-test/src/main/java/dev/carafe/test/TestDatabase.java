package dev.carafe.test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The four databases Carafe is tested on, for running a test on each: H2 and SQLite are embedded
 * and always there; PostgreSQL and MariaDB are servers on 127.0.0.1 (PostgreSQL as {@code postgres}
 * without a password on port 5432, MariaDB as {@code root} without a password on port 3306). A test
 * that asks for the URL of a server that does not answer is skipped with the reason, or fails when
 * the environment variable {@code CARAFE_REQUIRE_DATABASES} is {@code true}, as it should be in CI.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @CarafeDatabases
 * void savesATodo(TestDatabase database, @TempDir Path dir) {
 *     try (Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Todo.class).build()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>On the servers, tests use the database named by the system property {@code carafe.test.database}
 * ({@code carafe_test} by default), created when missing, so that two builds on one machine can
 * each use their own.
 */
public enum TestDatabase {
    /** H2, in memory: a new database for each URL. */
    H2("org.h2.Driver", "com.h2database:h2"),
    /** SQLite, a new file in the given folder for each URL. */
    SQLITE("org.sqlite.JDBC", "org.xerial:sqlite-jdbc"),
    /** PostgreSQL on 127.0.0.1:5432. */
    POSTGRESQL("org.postgresql.Driver", "org.postgresql:postgresql"),
    /** MariaDB on 127.0.0.1:3306. */
    MARIADB("org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client");

    /** The name of the database the server-backed tests use, from the system property {@code carafe.test.database}. */
    public static final String DATABASE = System.getProperty("carafe.test.database", "carafe_test");

    private static final Map<TestDatabase, String> UNAVAILABLE = new ConcurrentHashMap<>();
    private static final Map<TestDatabase, Boolean> CHECKED = new ConcurrentHashMap<>();

    private final String driver;
    private final String coordinates;

    TestDatabase(String driver, String coordinates) {
        this.driver = driver;
        this.coordinates = coordinates;
    }

    /**
     * Returns the URL of a database for a test, after making sure it answers: a new in-memory
     * database for H2, a new file in {@code dir} for SQLite, the shared test database for the servers.
     *
     * @param dir a folder for SQLite's file, such as a {@code @TempDir}
     * @return a URL for {@code Carafe.builder().databaseUrl(...)}
     * @throws org.opentest4j.TestAbortedException when the server does not answer (the test is skipped)
     */
    public String url(Path dir) {
        assumeAvailable();
        return switch (this) {
            case H2 -> "jdbc:h2:mem:test-" + UUID.randomUUID();
            case SQLITE -> "sqlite:///" + dir.resolve("test-" + UUID.randomUUID() + ".db").toAbsolutePath();
            case POSTGRESQL -> "postgresql://postgres@127.0.0.1:5432/" + DATABASE;
            case MARIADB -> "mariadb://root@127.0.0.1:3306/" + DATABASE;
        };
    }

    /**
     * Tells whether this database is a server, shared by every test that uses it.
     *
     * @return whether it is PostgreSQL or MariaDB
     */
    public boolean isServer() {
        return this == POSTGRESQL || this == MARIADB;
    }

    /**
     * Skips the calling test when this database's driver is missing or its server does not answer,
     * or fails it when {@code CARAFE_REQUIRE_DATABASES=true}. Creates the test database on the server
     * when it is missing.
     */
    public void assumeAvailable() {
        CHECKED.computeIfAbsent(this, database -> {
            String reason = database.unavailability();
            if (reason != null) UNAVAILABLE.put(database, reason);
            return true;
        });
        String reason = UNAVAILABLE.get(this);
        if (reason == null) return;
        if ("true".equals(System.getenv("CARAFE_REQUIRE_DATABASES"))) {
            throw new AssertionError(reason + "; CARAFE_REQUIRE_DATABASES=true requires it");
        }
        Assumptions.abort(reason + "; start it to run this test");
    }

    private String unavailability() {
        try {
            Class.forName(driver, false, TestDatabase.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return this + "'s JDBC driver " + driver + " is not on the test classpath (add " + coordinates + ")";
        }
        if (!isServer()) return null;
        try {
            ensureDatabase();
            return null;
        } catch (SQLException e) {
            return this + " is not answering on 127.0.0.1 (" + e.getMessage() + ")";
        }
    }

    private void ensureDatabase() throws SQLException {
        String admin = this == POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=3"
                : "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000";
        try (Connection connection = DriverManager.getConnection(admin); Statement statement = connection.createStatement()) {
            if (this == POSTGRESQL) {
                try (ResultSet rows = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                    if (rows.next()) return;
                }
                statement.execute("create database " + DATABASE);
            } else {
                statement.execute("create database if not exists " + DATABASE);
            }
        }
    }
}
