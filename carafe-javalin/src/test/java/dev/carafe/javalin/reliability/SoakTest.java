package dev.carafe.javalin.reliability;

import dev.carafe.Carafe;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few minutes of steady load, a mix of reads and writes, reporting throughput, heap after a
 * full GC and connection counts per interval. Runs only with the Maven profile {@code soak}
 * ({@code -Dcarafe.soak=true}); {@code -Dcarafe.soak.seconds} sets its length (default 180).
 */
@EnabledIfSystemProperty(named = "carafe.soak", matches = "true")
class SoakTest {
    private static final int CLIENTS = 8;
    private static final int SECONDS = Integer.getInteger("carafe.soak.seconds", 180);
    private static final int INTERVAL_SECONDS = 15;

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
    void throughputHeapAndConnectionsStayFlatUnderSteadyLoad() throws Exception {
        TestDatabase.POSTGRESQL.assumeAvailable();
        db = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(null)).models(Todo.class).build();
        db.dropAll();
        db.createAll();
        db.useTransaction(session -> {
            for (int i = 1; i <= 100; i++) session.add(new Todo("seeded " + i));
        });
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.get("/todos/{id}", ctx -> ctx.result(db.getOr404(Todo.class, ctx.pathParam("id")).title));
            config.routes.get("/todos", ctx -> ctx.result(String.valueOf(db.paginate(db.select(Todo.class).orderBy("id")).items().size())));
            config.routes.post("/todos", ctx -> {
                Todo todo = db.session().add(new Todo(ctx.formParam("title")));
                db.session().commit();
                ctx.status(201).result(String.valueOf(todo.id));
            });
        }).start(0);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            SplittableRandom random = new SplittableRandom(c);
            int client = c;
            clients.submit(() -> {
                for (int n = 0; running.get(); n++) {
                    int pick = random.nextInt(10);
                    HttpRequest.Builder request;
                    if (pick < 3) {
                        request = HttpRequest.newBuilder(uri("/todos")).header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("title=soak-" + client + "-" + n));
                    } else if (pick < 7) {
                        request = HttpRequest.newBuilder(uri("/todos/" + (1 + random.nextInt(120))));
                    } else {
                        request = HttpRequest.newBuilder(uri("/todos?page=" + (1 + random.nextInt(5)) + "&per_page=20"));
                    }
                    String status;
                    try {
                        status = String.valueOf(http.send(request.timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (Exception e) {
                        status = e.getClass().getSimpleName();
                    }
                    byStatus.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    done.incrementAndGet();
                }
                return null;
            });
        }

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Double> throughputs = new ArrayList<>();
        List<Long> heaps = new ArrayList<>();
        long previous = 0;
        for (int elapsed = INTERVAL_SECONDS; elapsed <= SECONDS; elapsed += INTERVAL_SECONDS) {
            Thread.sleep(INTERVAL_SECONDS * 1000L);
            long now = done.get();
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed();
            throughputs.add((now - previous) / (double) INTERVAL_SECONDS);
            heaps.add(heap);
            System.out.printf("SoakTest: %4d s: %6.0f requests/s, heap after GC %5.1f MB, connections total=%d active=%d idle=%d%n",
                    elapsed, (now - previous) / (double) INTERVAL_SECONDS, heap / 1048576.0, db.engine().totalConnections(),
                    db.engine().activeConnections(), db.engine().idleConnections());
            previous = now;
        }
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100 && (db.engine().activeConnections() > 0 || db.openContexts() > 0); i++) Thread.sleep(20);
        System.out.printf("SoakTest: %d requests in %d s, by status %s; at the end: connections total=%d active=%d idle=%d%n",
                done.get(), SECONDS, new TreeMap<>(byStatus), db.engine().totalConnections(), db.engine().activeConnections(),
                db.engine().idleConnections());

        assertThat(byStatus.keySet()).as("statuses").isSubsetOf("200", "201", "404");
        List<Double> sorted = throughputs.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        // A shared machine makes single intervals noisy; a leak or slowdown shows as a steady fall.
        assertThat(throughputs.get(throughputs.size() - 1)).as("last interval's throughput").isGreaterThan(median * 0.5);
        assertThat(heaps.get(heaps.size() - 1)).as("heap after GC at the end")
                .isLessThan(heaps.get(0) * 2 + 32L * 1048576);
        assertThat(db.engine().activeConnections()).isZero();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}
