package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.error.NotFoundException;
import dev.carafe.session.DbContext;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CarafePluginTest {
    static Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:carafe-plugin-test").models(Todo.class).build();

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(db);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeAll
    static void createTables() {
        db.createAll();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private void start(Carafe on, Consumer<JavalinConfig> routes) {
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(on));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            routes.accept(config);
        }).start(0);
    }

    private void start(Consumer<JavalinConfig> routes) {
        start(db, routes);
    }

    @AfterEach
    void stop() {
        if (app != null) app.stop();
        app = null;
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (accept != null) request.header("Accept", accept);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private long count() {
        return db.withContext(() -> db.query(Todo.class).count());
    }

    @Test
    void everyRequestRunsInItsOwnContext() throws Exception {
        Map<String, DbContext> seen = new ConcurrentHashMap<>();
        start(config -> config.routes.get("/ctx/{n}", ctx -> {
            DbContext context = db.currentContext();
            assertThat(ctx.with(CarafePlugin.class)).isSameAs(context).isSameAs(CarafePlugin.context(ctx));
            seen.put(ctx.pathParam("n"), context);
            ctx.result("ok");
        }));
        assertThat(get("/ctx/1").statusCode()).isEqualTo(200);
        assertThat(get("/ctx/2").statusCode()).isEqualTo(200);
        assertThat(seen.get("1")).isNotSameAs(seen.get("2"));
        assertThat(seen.get("1").isOpen()).isFalse();
        assertThat(db.openContexts()).isZero();
    }

    @Test
    void aRequestThatDoesNotUseTheDatabaseOpensNoConnection() throws Exception {
        // A pool no test has used yet: the class's db has taken connections before this test.
        try (Carafe unused = Carafe.builder().databaseUrl("jdbc:h2:mem:carafe-plugin-unused").models(Todo.class).build()) {
            start(unused, config -> config.routes.get("/hello", ctx -> {
                unused.currentContext().session();
                ctx.result("hello");
            }));
            assertThat(get("/hello").body()).isEqualTo("hello");
            assertThat(unused.engine().totalConnections()).isZero();
            stop();
        }
    }

    @Test
    void whatTheHandlerDidNotCommitIsRolledBack() throws Exception {
        start(config -> {
            config.routes.post("/commit", ctx -> {
                db.session().add(new Todo("kept"));
                db.session().commit();
            });
            config.routes.post("/forget", ctx -> {
                db.session().add(new Todo("forgotten"));
                db.session().flush();
            });
            config.routes.post("/throw", ctx -> {
                db.session().add(new Todo("failed"));
                db.session().flush();
                throw new IllegalStateException("boom");
            });
        });
        HttpRequest.BodyPublisher none = HttpRequest.BodyPublishers.noBody();
        for (String path : List.of("/commit", "/forget", "/throw")) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).POST(none).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(db.withContext(() -> db.query(Todo.class).all()).stream().map(t -> t.title)).containsExactly("kept");
        // The extension fails the test if a request kept a connection checked out.
    }

    @Test
    void notFoundBecomesA404InTheFormatTheClientAccepts() throws Exception {
        start(config -> config.routes.get("/todos/{id}",
                ctx -> ctx.result(db.getOr404(Todo.class, ctx.pathParam("id"), "Todo <" + ctx.pathParam("id") + "> doesn't exist.").title)));
        HttpResponse<String> json = get("/todos/7", "application/json");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(json.body()).isEqualTo("{\"error\": \"Not Found\", \"description\": \"Todo \\u003c7\\u003e doesn't exist.\"}");
        HttpResponse<String> html = get("/todos/7", "text/html,application/xhtml+xml");
        assertThat(html.statusCode()).isEqualTo(404);
        assertThat(html.body()).contains("<h1>Not Found</h1>").contains("Todo &lt;7&gt; doesn&#39;t exist.");
        HttpResponse<String> text = get("/todos/abc", null);
        assertThat(text.statusCode()).isEqualTo(404);
        assertThat(text.body()).isEqualTo("404 Not Found: Todo <abc> doesn't exist.\n");
    }

    @Test
    void theApplicationCanReplaceCarafesHandlers() throws Exception {
        start(config -> {
            config.routes.get("/missing", ctx -> {
                throw new NotFoundException("gone");
            });
            config.routes.exception(NotFoundException.class, (e, ctx) -> ctx.status(410).result("custom " + e.getMessage()));
        });
        HttpResponse<String> response = get("/missing");
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.body()).isEqualTo("custom gone");
    }

    @Test
    void paginationReadsTheQueryStringAndBadInputGivesA404NotA500() throws Exception {
        start(config -> config.routes.get("/todos", ctx -> {
            var page = db.paginate(db.select(Todo.class).orderBy("id"));
            ctx.result(page.page() + "/" + page.perPage() + ":" + page.items().stream().map(t -> t.title).toList());
        }));
        db.useTransaction(session -> {
            for (int i = 1; i <= 30; i++) session.add(new Todo("t" + i));
        });
        assertThat(get("/todos?page=2&per_page=10").body()).isEqualTo("2/10:[t11, t12, t13, t14, t15, t16, t17, t18, t19, t20]");
        assertThat(get("/todos").body()).startsWith("1/20:[t1, ");
        for (String bad : List.of("?page=abc", "?per_page=-5", "?page=99999999999999999999", "?page=0", "?page=9", "?per_page=%25zz")) {
            assertThat(get("/todos" + bad).statusCode()).as(bad).isEqualTo(404);
        }
    }

    @Test
    void anAsyncHandlerKeepsItsContextUntilTheFutureCompletes() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            start(config -> config.routes.post("/async", ctx -> {
                DbContext request = ctx.with(CarafePlugin.class);
                ctx.future(() -> CompletableFuture.supplyAsync(request.wrap(() -> {
                    Todo todo = db.session().add(new Todo("async"));
                    db.session().commit();
                    return todo.id;
                }), executor).thenAccept(id -> ctx.result("created " + id)));
            }));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/async")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).startsWith("created ");
            assertThat(count()).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Not isolated: 32 threads commit and roll back on a pool of their own, as in production, where the
     * extension would have them take turns on one connection and turn their commits into savepoints.
     */
    @Test
    void concurrentRequestsThatFailAfterWritingLeaveNoRowAndNoBusyConnection() throws Exception {
        Carafe shared = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(dir)).models(Todo.class).build();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            shared.dropAll();   // the server's test database holds other tests' tables, a todo table among them
            shared.createAll();
            start(shared, config -> config.routes.post("/todos/{n}", ctx -> {
                int n = Integer.parseInt(ctx.pathParam("n"));
                shared.session().add(new Todo(n % 3 == 0 ? "failed" : "ok"));
                shared.session().flush();
                if (n % 3 == 0) throw new IllegalStateException("handler failed after writing");
                shared.session().commit();
                ctx.status(201);
            }));
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                URI uri = URI.create("http://127.0.0.1:" + app.port() + "/todos/" + n);
                statuses.add(clients.submit(() -> http.send(HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            int created = 0;
            for (Future<Integer> status : statuses) if (status.get() == 201) created++;
            assertThat(created).isEqualTo(133);
            assertThat(shared.withContext(() -> shared.query(Todo.class).filterBy("title", "ok").count())).isEqualTo(133);
            assertThat(shared.withContext(() -> shared.query(Todo.class).filterBy("title", "failed").count())).isZero();
            assertThat(shared.engine().activeConnections()).isZero();
        } finally {
            clients.shutdownNow();
            stop();
            try {
                shared.dropAll();
            } finally {
                LeakCheck.closeChecked(shared);
            }
        }
    }
}
