package dev.carafe.javalin.reliability;

import dev.carafe.Carafe;
import dev.carafe.bind.Engine;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand requests write to two binds (PostgreSQL and MariaDB) and a random third of them
 * throw after writing: no partial write survives, and no connection or Hibernate session leaks.
 */
class FailingHandlersTest {
    private static final int REQUESTS = Integer.getInteger("carafe.reliability.requests", 10_000);
    private static final int CLIENTS = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Carafe db;
    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) app.stop();
        if (db != null) {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aThirdOfTheHandlersThrowAfterWritingToTwoBindsAndNothingPartialSurvives() throws Exception {
        TestDatabase.POSTGRESQL.assumeAvailable();
        TestDatabase.MARIADB.assumeAvailable();
        db = Carafe.builder()
                .databaseUrl(TestDatabase.POSTGRESQL.url(null))
                .bind("auth", TestDatabase.MARIADB.url(null))
                .hibernateSetting("hibernate.generate_statistics", true)
                .models(Todo.class, Account.class).build();
        db.dropAll();
        db.createAll();
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.post("/pairs/{key}", ctx -> {
                String key = ctx.pathParam("key");
                db.session().add(new Todo(key));
                db.session().add(new Account(key));
                db.session().flush();
                if ("true".equals(ctx.queryParam("fail"))) throw new IllegalStateException("handler failed after writing " + key);
                db.session().commit();
                ctx.status(201).result("created");
            });
        }).start(0);

        Set<String> succeeded = ConcurrentHashMap.newKeySet();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
        SplittableRandom seeds = new SplittableRandom(20_261_125L);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            SplittableRandom random = seeds.split();
            clients.submit(() -> {
                for (int n; (n = next.getAndIncrement()) < REQUESTS; ) {
                    String key = "pair-" + n;
                    boolean fail = random.nextInt(3) == 0;
                    String kind;
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + app.port() + "/pairs/" + key + (fail ? "?fail=true" : "")))
                                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        kind = response.statusCode() + (fail ? " (handler threw)" : "");
                        if (response.statusCode() == 201) succeeded.add(key);
                        else failed.add(key);
                    } catch (Exception e) {
                        kind = e.getClass().getSimpleName();
                        failed.add(key);
                    }
                    byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(200, TimeUnit.SECONDS)).as("clients finished").isTrue();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        for (int i = 0; i < 100 && db.openContexts() > 0; i++) Thread.sleep(20);
        Set<String> todos = column(TestDatabase.POSTGRESQL, "select title from todo");
        Set<String> accounts = column(TestDatabase.MARIADB, "select user_name from account");
        Statistics defaultStatistics = db.sessionFactory("default").getStatistics();
        Statistics authStatistics = db.sessionFactory("auth").getStatistics();
        System.out.printf("FailingHandlersTest: %d requests from %d clients in %d ms (%.0f/s): %s; rows checked: %d"
                + " todo (PostgreSQL) + %d account (MariaDB) against %d acknowledged and %d failed keys; Hibernate"
                + " sessions opened/closed: default %d/%d, auth %d/%d%n",
                REQUESTS, CLIENTS, tookMillis, REQUESTS * 1000.0 / tookMillis, new TreeMap<>(byKind), todos.size(),
                accounts.size(), succeeded.size(), failed.size(), defaultStatistics.getSessionOpenCount(),
                defaultStatistics.getSessionCloseCount(), authStatistics.getSessionOpenCount(),
                authStatistics.getSessionCloseCount());

        assertThat(succeeded.size() + failed.size()).isEqualTo(REQUESTS);
        assertThat(byKind.keySet()).containsOnly("201", "500 (handler threw)");
        assertThat(failed).hasSizeBetween(REQUESTS / 4, REQUESTS * 5 / 12);
        assertThat(todos).as("todo rows (PostgreSQL)").isEqualTo(succeeded);
        assertThat(accounts).as("account rows (MariaDB)").isEqualTo(succeeded);
        for (Engine engine : db.engines().values()) {
            assertThat(engine.activeConnections()).as("active connections of " + engine.key()).isZero();
            assertThat(engine.threadsAwaitingConnection()).as("threads awaiting of " + engine.key()).isZero();
        }
        assertThat(defaultStatistics.getSessionOpenCount()).isGreaterThanOrEqualTo(REQUESTS)
                .isEqualTo(defaultStatistics.getSessionCloseCount());
        assertThat(authStatistics.getSessionOpenCount()).isGreaterThanOrEqualTo(REQUESTS)
                .isEqualTo(authStatistics.getSessionCloseCount());
    }

    static Set<String> column(TestDatabase database, String sql) throws Exception {
        Set<String> values = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) values.add(rows.getString(1));
        }
        return values;
    }
}
