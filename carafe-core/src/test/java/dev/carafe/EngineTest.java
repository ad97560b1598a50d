package dev.carafe;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.bind.Binds;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.bind.Engine;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Todo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engines: one HikariCP pool per bind, built from the engine options, started on first use. */
class EngineTest {
    private static final String CHECK_THE_DATABASE = " Check that the database is running and reachable,"
            + " or raise pool-size / pool-timeout if requests hold connections for long.";

    @TempDir
    Path instance;

    private static HikariDataSource pool(Engine engine) {
        return (HikariDataSource) engine.dataSource();
    }

    private static <T> T inThread(Supplier<T> work) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return CompletableFuture.supplyAsync(work, thread).join();
        } finally {
            thread.shutdown();
        }
    }

    private static List<String> titles(Carafe db) {
        return db.withContext(() -> db.session().hibernate().createSelectionQuery("select t.title from Todo t order by t.id",
                String.class).getResultList());
    }

    // ---- options reach the pool -------------------------------------------------------------------

    @Test
    void engineOptionsReachTheHikariPool() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-options")
                .engineOptions(EngineOptions.defaults().poolSize(3).poolTimeout(Duration.ofSeconds(2))
                        .recycle(Duration.ofMinutes(1)).poolPrePing(true).driverProperty("MODE", "PostgreSQL"))
                .build();
        try {
            HikariDataSource pool = pool(db.engine());
            assertThat(pool.getPoolName()).isEqualTo("carafe-default");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(db.engine().poolSize()).isEqualTo(3);
            assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
            assertThat(pool.getMaxLifetime()).isEqualTo(60_000);
            assertThat(pool.getKeepaliveTime()).isEqualTo(30_000);
            assertThat(pool.getDataSourceProperties()).containsEntry("MODE", "PostgreSQL");
            assertThat(pool.isAutoCommit()).as("reads run in autocommit until the first write").isTrue();
            assertThat(pool.getMinimumIdle()).as("connections open on demand").isZero();
            String mode = db.withContext(() -> db.session().hibernate().createNativeQuery(
                    "select setting_value from information_schema.settings where setting_name = 'MODE'", String.class)
                    .getSingleResult());
            assertThat(mode).isEqualTo("PostgreSQL");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void withoutOptionsThePoolKeepsHikariDefaults() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-defaults").build();
        try {
            HikariDataSource pool = pool(db.engine());
            assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
            assertThat(pool.getConnectionTimeout()).isEqualTo(30_000);
            assertThat(pool.getMaxLifetime()).isEqualTo(1_800_000);
            assertThat(pool.getKeepaliveTime()).isEqualTo(120_000);
            assertThat(pool.getDataSourceProperties()).isEmpty();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aSqliteFileGetsOneConnectionUnlessPoolSizeIsSet() {
        Carafe db = Carafe.builder().databaseUrl("sqlite:///one.db")
                .bind("auth", EngineOptions.url("sqlite:///many.db").poolSize(4)).instancePath(instance).build();
        try {
            assertThat(db.engine().poolSize()).isEqualTo(1);
            assertThat(db.engine("auth").poolSize()).isEqualTo(4);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void eachBindGetsItsOwnOptionsOverTheEngineDefaults() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-own")
                .bind("auth", EngineOptions.url("jdbc:h2:mem:engine-own-auth").poolSize(2))
                .engineDefaults(EngineOptions.defaults().poolSize(5).poolTimeout(Duration.ofSeconds(4)))
                .build();
        try {
            assertThat(pool(db.engine()).getMaximumPoolSize()).isEqualTo(5);
            assertThat(pool(db.engine("auth")).getMaximumPoolSize()).isEqualTo(2);
            assertThat(pool(db.engine("auth")).getConnectionTimeout()).isEqualTo(4_000);
            assertThat(pool(db.engine("auth")).getPoolName()).isEqualTo("carafe-auth");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void mysqlAndMariadbRecycleConnectionsAfterTwoHoursUnlessTold() {
        Carafe db = Carafe.builder().databaseUrl("mariadb://root@127.0.0.1:3306/app")
                .bind("mysql", "mysql://root@127.0.0.1:3306/app")
                .bind("jdbc", "jdbc:mariadb://127.0.0.1:3306/app?user=root")
                .bind("told", EngineOptions.url("mariadb://root@127.0.0.1:3306/app").recycle(Duration.ofSeconds(60)))
                .bind("never", EngineOptions.url("mysql://root@127.0.0.1:3306/app").recycle(Duration.ZERO))
                .bind("postgres", "postgresql://postgres@127.0.0.1:5432/app")
                .build();
        try {
            assertThat(pool(db.engine()).getMaxLifetime()).isEqualTo(7_200_000);
            assertThat(pool(db.engine("mysql")).getMaxLifetime()).isEqualTo(7_200_000);
            assertThat(pool(db.engine("jdbc")).getMaxLifetime()).isEqualTo(7_200_000);
            assertThat(pool(db.engine("told")).getMaxLifetime()).isEqualTo(60_000);
            assertThat(pool(db.engine("never")).getMaxLifetime()).isZero();
            assertThat(pool(db.engine("postgres")).getMaxLifetime()).isEqualTo(1_800_000);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void mysqlUrlsOnMariadbSpeakUtf8mb4() {
        TestDatabase.MARIADB.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl("mysql://root@127.0.0.1:3306/" + TestDatabase.DATABASE).build();
        try {
            String charset = db.withContext(() -> db.session().hibernate()
                    .createNativeQuery("select @@character_set_connection", String.class).getSingleResult());
            assertThat(charset).isEqualTo("utf8mb4");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void connectArgsReachThePostgresqlDriver() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(instance))
                .engineOptions(EngineOptions.defaults().driverProperty("ApplicationName", "carafe-engine-test"))
                .build();
        try {
            String name = db.withContext(() -> db.session().hibernate()
                    .createNativeQuery("select current_setting('application_name')", String.class).getSingleResult());
            assertThat(name).isEqualTo("carafe-engine-test");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    // ---- in-memory databases ------------------------------------------------------------------------

    @Test
    void inMemorySqliteSharesOneConnectionAcrossContextsAndThreads() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://")
                .engineOptions(EngineOptions.defaults().poolSize(5).recycle(Duration.ofMinutes(1)))
                .models(Todo.class).build();
        try {
            HikariDataSource pool = pool(db.engine());
            assertThat(pool.getMaximumPoolSize()).isEqualTo(1);
            assertThat(pool.getMaxLifetime()).isZero();
            assertThat(pool.getIdleTimeout()).isZero();

            inThread(() -> {
                db.createAll();
                db.useTransaction(session -> session.add(new Todo("written on another thread")));
                return null;
            });
            assertThat(titles(db)).containsExactly("written on another thread");
            assertThat(inThread(() -> titles(db))).containsExactly("written on another thread");
            assertThat(db.engine().totalConnections()).isEqualTo(1);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void inMemoryH2KeepsItsDataBetweenContextsWhileTheEngineLives() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-alive").models(Todo.class).build();
        try {
            db.createAll();
            db.useTransaction(session -> session.add(new Todo("first context")));
            assertThat(db.engine().activeConnections()).isZero();
            assertThat(titles(db)).containsExactly("first context");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void inMemoryH2OutlivesEveryConnectionToIt() throws Exception {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-outlives").models(Todo.class).build();
        try {
            // Written and closed before the pool starts: for a moment nothing is connected.
            try (Connection connection = DriverManager.getConnection(db.engine().jdbcUrl());
                    Statement statement = connection.createStatement()) {
                statement.execute("create table todo (id bigint generated by default as identity primary key,"
                        + " title varchar(255), done boolean not null)");
                statement.execute("insert into todo (title, done) values ('nobody connected', false)");
            }
            assertThat(db.engine().totalConnections()).isZero();
            assertThat(titles(db)).containsExactly("nobody connected");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void inMemoryH2IsGoneAfterClose() {
        Carafe first = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-gone").models(Todo.class).build();
        try {
            first.createAll();
            first.useTransaction(session -> session.add(new Todo("forgotten")));
        } finally {
            LeakCheck.closeChecked(first);
        }
        Carafe second = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-gone").build();
        try {
            second.reflect();
            assertThat(second.metadata().tableNames()).isEmpty();
        } finally {
            LeakCheck.closeChecked(second);
        }
    }

    // ---- the pool starts on first use -------------------------------------------------------------

    @Test
    void thePoolDoesNotStartUntilTheDatabaseIsFirstUsed() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-lazy").bind("auth", "sqlite://")
                .models(Todo.class, Account.class).build();
        try {
            for (Engine engine : db.engines().values()) {
                assertThat(pool(engine).getHikariPoolMXBean()).as(engine.key()).isNull();
                assertThat(engine.totalConnections()).isZero();
                assertThat(engine.activeConnections()).isZero();
                assertThat(engine.idleConnections()).isZero();
                assertThat(engine.threadsAwaitingConnection()).isZero();
            }
            db.useContext(() -> assertThat(db.session()).isNotNull());
            assertThat(db.engine().totalConnections()).isZero();

            db.createAll(Binds.DEFAULT);
            assertThat(db.engine().totalConnections()).isPositive();
            assertThat(db.engine("auth").totalConnections()).isZero();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aCarafeOnADatabaseThatDoesNotAnswerStillBuilds() {
        Carafe db = Carafe.builder().databaseUrl("postgresql://postgres@127.0.0.1:1/nothing").models(Todo.class).build();
        try {
            assertThat(db.engine().database()).isEqualTo("postgresql");
            assertThat(db.engine().totalConnections()).isZero();
            assertThat(db.toString()).isEqualTo("<Carafe postgresql://postgres@127.0.0.1:1/nothing>");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerAtFirstUseNamesTheBindAndTheMaskedUrl() {
        Carafe db = Carafe.builder().databaseUrl("postgresql://postgres:s3cr3t@127.0.0.1:1/nothing")
                .models(Todo.class).build();
        try {
            assertThatThrownBy(() -> db.useContext(() -> db.session().get(Todo.class, 1L)))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("Bind 'default' (postgresql://postgres:***@127.0.0.1:1/nothing): could not"
                            + " connect: Connection to 127.0.0.1:1 refused.")
                    .hasMessageEndingWith(" (pool not started, pool-size=10, pool-timeout=30000 ms)." + CHECK_THE_DATABASE)
                    .extracting(e -> ((DatabaseUnavailableException) e).bindKey()).isEqualTo(Binds.DEFAULT);
            // The next use tries again, and fails the same way.
            assertThatThrownBy(() -> db.useTransaction(session -> session.add(new Todo("x"))))
                    .isInstanceOf(DatabaseUnavailableException.class);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anUnansweringBindIsNamedByItsKey() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://").bind("auth", "mariadb://root@127.0.0.1:1/nothing")
                .models(Account.class).build();
        try {
            assertThatThrownBy(() -> db.useContext(() -> db.session().get(Account.class, 1L)))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("Bind 'auth' (mariadb://root@127.0.0.1:1/nothing): could not connect: ")
                    .hasMessageEndingWith(CHECK_THE_DATABASE);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aPoolWithNoFreeConnectionSaysSoWithItsCounts() throws Exception {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:engine-busy")
                .engineOptions(EngineOptions.defaults().poolSize(1).poolTimeout(Duration.ofMillis(250)))
                .models(Todo.class).build();
        try {
            db.createAll();
            try (Connection held = db.engine().dataSource().getConnection()) {
                assertThat(held.isValid(1)).isTrue();
                assertThatThrownBy(() -> db.useContext(() -> db.session().get(Todo.class, 1L)))
                        .isInstanceOf(DatabaseUnavailableException.class)
                        .hasMessageStartingWith("Bind 'default' (jdbc:h2:mem:engine-busy): no connection became"
                                + " available: ")
                        .hasMessageEndingWith(" (total=1, active=1, idle=0, waiting=0, pool-size=1, pool-timeout=250 ms)."
                                + CHECK_THE_DATABASE);
            }
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    // ---- missing drivers ----------------------------------------------------------------------------

    @Test
    void aUrlNoDriverAcceptsSaysToAddTheDriver() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("jdbc:unknowndb://x").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Bind 'default' (jdbc:unknowndb://x): no JDBC driver on the classpath accepts this URL."
                        + " Add the database's JDBC driver to your build.");
    }

    @Test
    void aMissingKnownDriverGivesItsMavenCoordinates() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("sqlite://").bind("legacy", "jdbc:mysql://db/app").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Bind 'legacy' (jdbc:mysql://db/app) needs the JDBC driver com.mysql.cj.jdbc.Driver, which"
                        + " is not on the classpath. Add the dependency com.mysql:mysql-connector-j to your build.");
    }

    // ---- how engines and the db object describe themselves (ERR-02..05, decision 10) ----------------

    @Test
    void anEngineDescribesItselfWithItsKeyAndMaskedUrl() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://").bind("auth", "postgresql://scott:tiger@db/app").build();
        try {
            assertThat(db.engine().toString()).isEqualTo("<Engine default sqlite://>");
            assertThat(db.engine("auth").toString()).isEqualTo("<Engine auth postgresql://scott:***@db/app>");
            assertThat(db.engine("auth").url()).isEqualTo("postgresql://scott:***@db/app");
            assertThat(db.engine("auth").jdbcUrl()).isEqualTo("jdbc:postgresql://db/app");
            assertThat(db.engine("auth").key()).isEqualTo("auth");
            assertThat(db.engine().database()).isEqualTo("sqlite");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void withOnlyADefaultEngineTheDbObjectShowsItsUrl() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://").build();
        try {
            assertThat(db.toString()).isEqualTo("<Carafe sqlite://>");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void withADefaultEngineAndTwoBindsTheDbObjectCountsTheOthers() {
        Carafe db = Carafe.builder().databaseUrl("sqlite://").bind("a", "sqlite://").bind("b", "sqlite://").build();
        try {
            assertThat(db.toString()).isEqualTo("<Carafe sqlite:// +2 engines>");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void withoutADefaultEngineTheDbObjectSaysSo() {
        Carafe one = Carafe.builder().bind("a", "sqlite://").build();
        Carafe two = Carafe.builder().bind("a", "sqlite://").bind("b", "sqlite://").build();
        try {
            assertThat(one.toString()).isEqualTo("<Carafe (No default engine) +1 engines>");
            assertThat(two.toString()).isEqualTo("<Carafe (No default engine) +2 engines>");
        } finally {
            try {
                LeakCheck.closeChecked(one);
            } finally {
                LeakCheck.closeChecked(two);
            }
        }
    }

    @Test
    void theDbObjectMasksThePasswordOfItsUrl() {
        Carafe db = Carafe.builder().databaseUrl("postgresql://scott:tiger@db.example.com/app").build();
        try {
            assertThat(db.toString()).isEqualTo("<Carafe postgresql://scott:***@db.example.com/app>");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
