package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.session.DbContext;
import dev.carafe.test.models.Todo;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;

import static org.assertj.core.api.Assertions.assertThat;

/** Request threads share each bind's pinned connection by taking turns, a transaction at a time. */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
class ConcurrentRequestsTest {
    static Carafe db;
    static JettyApp app;
    static final List<String> events = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch secondArrived = new CountDownLatch(1);

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    private final ExecutorService clients = Executors.newFixedThreadPool(2);

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        db = FreshTables.open(database, Todo.class);
        app = new JettyApp(db)
                .route("/first", request -> {
                    db.session().add(new Todo("first"));
                    db.session().flush();
                    events.add("first flushed");
                    // The second request reaches its handler while this one's transaction is open.
                    if (!secondArrived.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no second request");
                    events.add("first commits");
                    db.session().commit();
                    return "first";
                })
                .route("/second", request -> {
                    secondArrived.countDown();
                    db.session().add(new Todo("second"));
                    db.session().flush();
                    events.add("second flushed");
                    db.session().commit();
                    return "second";
                })
                .route("/count", request -> String.valueOf(db.query(Todo.class).count()))
                .start();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        if (app != null) app.close();
        FreshTables.close(db);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aSecondRequestWaitsForTheFirstOnesTransaction() throws Exception {
        events.clear();
        secondArrived = new CountDownLatch(1);

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send("/first"), clients);
        for (int i = 0; i < 3000 && !events.contains("first flushed"); i++) Thread.sleep(10);
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> send("/second"), clients);

        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(second.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        assertThat(events).containsExactly("first flushed", "first commits", "second flushed");
        assertThat(db.withContext(() -> db.query(Todo.class).count())).isEqualTo(2);
    }

    @Test
    void aTestThatReadsInItsContextDoesNotHoldUpTheRequestsItSends() throws Exception {
        try (DbContext ctx = db.context()) {
            assertThat(db.query(Todo.class).count()).isZero();

            assertThat(app.get("/count").body()).isEqualTo("0");
            assertThat(app.post("/second", "").statusCode()).isEqualTo(201);

            assertThat(db.query(Todo.class).count()).isEqualTo(1);
        }
    }

    private static HttpResponse<String> send(String path) {
        try {
            return app.post(path, "");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
