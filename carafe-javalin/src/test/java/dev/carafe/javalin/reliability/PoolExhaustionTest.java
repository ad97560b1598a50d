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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty slow requests share a pool of two: those that cannot get a connection wait the pool
 * timeout and get a 503 that names the bind and the pool's counts; the pool recovers afterwards.
 */
class PoolExhaustionTest {
    private static final int REQUESTS = 20;
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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

    /** One slow request and how it ended. */
    record Outcome(int status, String body, long tookMillis) {}

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void requestsBeyondThePoolGetA503NamingTheBindAndThePoolsCounts() throws Exception {
        TestDatabase.POSTGRESQL.assumeAvailable();
        db = Carafe.builder()
                .engineOptions(EngineOptions.url(TestDatabase.POSTGRESQL.url(null)).poolSize(2).poolTimeout(POOL_TIMEOUT))
                .models(Todo.class).build();
        db.dropAll();
        db.createAll();
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.post("/slow/{key}", ctx -> {
                db.session().add(new Todo(ctx.pathParam("key")));
                db.session().flush();
                db.session().hibernate().createNativeQuery("select 1 from pg_sleep(1.5)", Integer.class).getSingleResult();
                db.session().commit();
                ctx.status(201).result("created");
            });
            config.routes.get("/count", ctx -> ctx.result(String.valueOf(db.query(Todo.class).count())));
        }).start(0);

        List<CompletableFuture<Outcome>> pending = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long sentAt = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(uri("/slow/slow-" + i)).timeout(Duration.ofSeconds(20))
                    .header("Accept", "text/plain").POST(HttpRequest.BodyPublishers.noBody()).build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Outcome(r.statusCode(), r.body(), (System.nanoTime() - sentAt) / 1_000_000)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> future : pending) outcomes.add(future.get(30, TimeUnit.SECONDS));

        Map<Integer, Integer> byStatus = new TreeMap<>();
        outcomes.forEach(o -> byStatus.merge(o.status(), 1, Integer::sum));
        List<Outcome> refused = outcomes.stream().filter(o -> o.status() == 503).toList();
        long slowestRefusal = refused.stream().mapToLong(Outcome::tookMillis).max().orElse(0);
        System.out.printf("PoolExhaustionTest: %d concurrent slow requests on a pool of 2 (pool-timeout %d ms): %s;"
                + " 503s answered in %d..%d ms; example: %s",
                REQUESTS, POOL_TIMEOUT.toMillis(), byStatus,
                refused.stream().mapToLong(Outcome::tookMillis).min().orElse(0), slowestRefusal,
                refused.isEmpty() ? "-\n" : refused.get(0).body());

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isIn(201, 503));
        assertThat(outcomes).filteredOn(o -> o.status() == 201).hasSizeGreaterThanOrEqualTo(2);
        assertThat(refused).hasSizeGreaterThanOrEqualTo(REQUESTS / 2);
        assertThat(refused).allSatisfy(o -> {
            // The bind and the pool's counts go to the log, not to the client.
            assertThat(o.body()).isEqualTo("503 Service Unavailable: The database is unavailable. Try again shortly.\n");
            // A refusal comes after the pool timeout, not after a hang; the slack is for a loaded machine.
            assertThat(o.tookMillis()).isGreaterThanOrEqualTo(POOL_TIMEOUT.toMillis() - 50).isLessThan(POOL_TIMEOUT.toMillis() + 4_000);
        });

        for (int i = 0; i < 100 && (db.engine().activeConnections() > 0 || db.openContexts() > 0); i++) Thread.sleep(20);
        assertThat(db.engine().activeConnections()).as("active connections when idle").isZero();
        assertThat(db.engine().threadsAwaitingConnection()).as("threads awaiting a connection").isZero();
        HttpResponse<String> normal = http.send(HttpRequest.newBuilder(uri("/count")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(normal.body()).isEqualTo(String.valueOf(outcomes.stream().filter(o -> o.status() == 201).count()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
