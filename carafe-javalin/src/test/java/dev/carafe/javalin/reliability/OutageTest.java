package dev.carafe.javalin.reliability;

import dev.carafe.Carafe;
import dev.carafe.config.EngineOptions;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away while the application serves steady traffic and comes back: requests
 * fail fast with a 503, recover by themselves, and no acknowledged write is lost.
 */
class OutageTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(6);
    private static final int CLIENTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private TcpProxy proxy;
    private Carafe db;
    private Javalin app;

    /** One request the client sent, and how it ended. */
    record Outcome(long sentAtMillis, long tookMillis, String method, String key, int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String kind() {
            if (ok()) return "2xx";
            if (status == -1) return "timeout";
            if (status == 503 && body.contains("connection to the database was lost")) return "503 connection lost";
            if (status == 503 && body.contains("database is unavailable")) return "503 database unavailable";
            return status + " " + body.lines().findFirst().orElse("");
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) app.stop();
        if (proxy != null) proxy.close();
        if (db != null) {
            try {
                TestDatabase.POSTGRESQL.execute("drop table if exists todo");
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aDatabaseOutageGives503sAndEveryAcknowledgedWriteSurvivesIt() throws Exception {
        TestDatabase.POSTGRESQL.assumeAvailable();
        TestDatabase.POSTGRESQL.execute("drop table if exists todo");
        proxy = new TcpProxy(5432);
        db = Carafe.builder()
                .engineOptions(EngineOptions.url("postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + TestDatabase.DATABASE)
                        .poolSize(4).poolTimeout(Duration.ofSeconds(2)))
                .models(Todo.class).build();
        db.createAll();
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.post("/todos/{key}", ctx -> {
                db.session().add(new Todo(ctx.pathParam("key")));
                db.session().commit();
                ctx.status(201).result("created");
            });
            config.routes.get("/todos", ctx -> ctx.result(String.valueOf(db.query(Todo.class).count())));
        }).start(0);

        List<Outcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        long start = System.currentTimeMillis();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String prefix = "row-" + c + "-";
            Thread client = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    outcomes.add(send("POST", "/todos/" + prefix + n, prefix + n, start));
                    outcomes.add(send("GET", "/todos", null, start));
                    sleep(20);
                }
            }, "outage-client-" + c);
            client.start();
            clients.add(client);
        }

        sleep(2_000);
        long cutAt = System.currentTimeMillis() - start;
        proxy.cut();
        sleep(3_000);
        long restoredAt = System.currentTimeMillis() - start;
        proxy.restore();
        sleep(10_000);
        running.set(false);
        for (Thread client : clients) {
            client.join(REQUEST_TIMEOUT.toMillis() * 3);
            assertThat(client.isAlive()).as("client thread finished").isFalse();
        }

        List<Outcome> all = List.copyOf(outcomes);
        Map<String, Integer> byKind = new TreeMap<>();
        for (Outcome outcome : all) byKind.merge(outcome.kind(), 1, Integer::sum);

        // Recovery: the first moment after which every request succeeded.
        long lastFailure = all.stream().filter(o -> !o.ok()).mapToLong(o -> o.sentAtMillis() + o.tookMillis()).max().orElse(restoredAt);
        long recoveryMillis = Math.max(0, lastFailure - restoredAt);
        long firstSuccess = all.stream().filter(o -> o.ok() && o.sentAtMillis() >= restoredAt)
                .mapToLong(o -> o.sentAtMillis() + o.tookMillis() - restoredAt).min().orElse(-1);
        long slowest = all.stream().mapToLong(Outcome::tookMillis).max().orElse(0);

        Set<String> acknowledged = new HashSet<>();
        Set<String> failed = new HashSet<>();
        Set<String> inDoubt = new HashSet<>();
        for (Outcome outcome : all) {
            if (outcome.key() == null) continue;
            // A connection cut after the server committed but before its reply arrived leaves the
            // outcome unknown to everyone but the database: such a write may or may not be stored.
            Set<String> bucket = outcome.ok() ? acknowledged
                    : outcome.kind().equals("503 connection lost") ? inDoubt : failed;
            bucket.add(outcome.key());
        }
        Set<String> stored = storedTitles();

        System.out.printf("OutageTest: %d requests (%d writes), outage %d..%d ms; outcomes %s; slowest request %d ms;"
                + " first success %d ms after restore, last failure %d ms after restore; rows checked %d acknowledged + %d failed against %d stored%n",
                all.size(), acknowledged.size() + failed.size(), cutAt, restoredAt, byKind, slowest, firstSuccess, recoveryMillis,
                acknowledged.size(), failed.size(), stored.size());

        assertThat(all).as("requests sent").hasSizeGreaterThan(20);
        assertThat(all).filteredOn(o -> !o.ok())
                .as("failures are 503s that say what happened").isNotEmpty()
                .allSatisfy(o -> assertThat(o.kind()).startsWith("503 "));
        assertThat(slowest).as("no request hangs: slowest (ms)").isLessThan(REQUEST_TIMEOUT.toMillis());
        assertThat(recoveryMillis).as("recovery after restore (ms)").isLessThan(6_000);
        assertThat(all).filteredOn(o -> o.sentAtMillis() > restoredAt + recoveryMillis)
                .as("requests after recovery").hasSizeGreaterThan(10).allMatch(Outcome::ok);
        assertThat(stored).as("every acknowledged row is stored").containsAll(acknowledged);
        assertThat(stored).as("no row of a request that never reached the database is stored")
                .doesNotContainAnyElementsOf(failed);
        assertThat(stored).as("every stored row was acknowledged or in doubt")
                .allMatch(key -> acknowledged.contains(key) || inDoubt.contains(key) || !key.startsWith("row-"));

        for (int i = 0; i < 100 && db.openContexts() > 0; i++) sleep(20);
        assertThat(db.engine().activeConnections()).as("active connections").isZero();
        assertThat(db.engine().threadsAwaitingConnection()).as("threads awaiting a connection").isZero();
        assertThat(db.openContexts()).as("open contexts").isZero();
    }

    private Outcome send(String method, String path, String key, long start) {
        long sentAt = System.currentTimeMillis();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "text/plain");
        request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(sentAt - start, System.currentTimeMillis() - sentAt, method, key, response.statusCode(), response.body());
        } catch (HttpTimeoutException e) {
            return new Outcome(sentAt - start, System.currentTimeMillis() - sentAt, method, key, -1, "timed out");
        } catch (Exception e) {
            return new Outcome(sentAt - start, System.currentTimeMillis() - sentAt, method, key, -2, e.toString());
        }
    }

    static Set<String> storedTitles() throws Exception {
        Set<String> titles = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRESQL.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select title from todo")) {
            while (rows.next()) titles.add(rows.getString(1));
        }
        return titles;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
