package dev.carafe.javalin;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carafe.Carafe;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.config.EngineOptions;
import dev.carafe.session.DbContext;
import dev.carafe.session.IntegrityException;
import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import dev.carafe.testmodels.Todo;
import dev.carafe.web.ErrorFormat;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin's error responses over HTTP: the error format of the application and of a group of
 * routes, 409 for a refused write and a lost update, and 503 bodies that tell the client nothing
 * of the binds or the pool while the log does.
 */
class ErrorResponsesTest {
    private static final String NOT_FOUND_JSON = "{\"error\": \"Not Found\", \"description\": \"Todo 7 doesn't exist.\"}";

    static Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:error-responses").models(Todo.class).build();

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(db);

    private static final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;
    private ListAppender<ILoggingEvent> webLog;

    @BeforeAll
    static void createTables() {
        db.createAll();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** A model whose updates check a version: two writers of one row make the second one's update lost. */
    @Entity
    public static class Article {
        @Id @GeneratedValue
        public Long id;

        public String title;

        @Version
        public int version;
    }

    private static Javalin start(Carafe on, Consumer<CarafePlugin.Config> plugin, Consumer<JavalinConfig> routes) {
        return Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new CarafePlugin(on, plugin));
            routes.accept(config);
        }).start(0);
    }

    private void start(Consumer<CarafePlugin.Config> plugin, Consumer<JavalinConfig> routes) {
        app = start(db, plugin, routes);
    }

    private void start(Consumer<CarafePlugin.Config> plugin) {
        start(plugin, config -> {
            for (String prefix : List.of("/todos", "/api/todos", "/apis/todos", "/admin/todos")) {
                config.routes.get(prefix + "/{id}", ctx -> ctx.result(db.getOr404(Todo.class, ctx.pathParam("id"),
                        "Todo " + ctx.pathParam("id") + " doesn't exist.").title));
            }
        });
    }

    private List<ILoggingEvent> captureWebLog() {
        webLog = new ListAppender<>();
        webLog.start();
        ((Logger) LoggerFactory.getLogger("carafe.web")).addAppender(webLog);
        return webLog.list;
    }

    @AfterEach
    void stop() {
        if (webLog != null) ((Logger) LoggerFactory.getLogger("carafe.web")).detachAppender(webLog);
        if (app != null) app.stop();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", accept).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void byDefaultTheFormatFollowsTheAcceptHeader() throws Exception {
        start(carafe -> {});

        assertThat(get("/todos/7", "*/*").body()).isEqualTo("404 Not Found: Todo 7 doesn't exist.\n");
        assertThat(get("/todos/7", "application/json").body()).isEqualTo(NOT_FOUND_JSON);
        assertThat(get("/todos/7", "text/html").headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    }

    @Test
    void anApplicationWithTheJsonFormatAnswersJsonWhateverTheClientAccepts() throws Exception {
        start(carafe -> carafe.errorFormat = ErrorFormat.JSON);

        HttpResponse<String> response = get("/todos/7", "text/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(response.body()).isEqualTo(NOT_FOUND_JSON);
    }

    @Test
    void aGroupOfRoutesHasItsOwnFormatAndTheLongestPrefixWins() throws Exception {
        start(carafe -> {
            carafe.errorFormat = ErrorFormat.HTML;
            carafe.errorFormat("/api", ErrorFormat.JSON).errorFormat("/api/todos/", ErrorFormat.NEGOTIATE);
            carafe.errorFormat("/admin", ErrorFormat.JSON);
        });

        assertThat(get("/admin/todos/7", "text/html").body()).isEqualTo(NOT_FOUND_JSON);
        assertThat(get("/api/todos/7", "*/*").body()).isEqualTo("404 Not Found: Todo 7 doesn't exist.\n");
        assertThat(get("/apis/todos/7", "application/json").headers().firstValue("Content-Type"))
                .hasValue("text/html;charset=utf-8");
        assertThat(get("/todos/7", "application/json").body()).isEqualTo("<!doctype html>\n<html lang=en>\n"
                + "<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>Todo 7 doesn&#39;t exist.</p>\n");
    }

    @Test
    void aNotFoundInWorkWrappedOnAnotherThreadIs404() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            start(carafe -> {}, config -> config.routes.get("/async/todos/{id}", ctx -> {
                DbContext request = ctx.with(CarafePlugin.class);
                ctx.future(() -> CompletableFuture.supplyAsync(request.wrap(() -> db.getOr404(Todo.class,
                        ctx.pathParam("id"), "Todo " + ctx.pathParam("id") + " doesn't exist.").title), executor)
                        .thenAccept(ctx::result));
            }));

            HttpResponse<String> response = get("/async/todos/7", "application/json");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo(NOT_FOUND_JSON);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aBadFilterFromTheClientIs400InTheGroupsFormat() throws Exception {
        start(carafe -> carafe.errorFormat("/api", ErrorFormat.JSON), config -> config.routes.get(
                "/api/todos", ctx -> ctx.result(String.valueOf(db.query(Todo.class)
                        .filterBy(ctx.queryParam("field"), ctx.queryParam("value")).count()))));

        HttpResponse<String> response = get("/api/todos?field=colour&value=red", "*/*");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\": \"Bad Request\", \"description\": \"");
    }

    @Test
    void aRefusedWriteIs409AndTheLogNamesTheBindAndTheConstraint() throws Exception {
        List<ILoggingEvent> log = captureWebLog();
        start(carafe -> carafe.errorFormat = ErrorFormat.JSON, config -> config.routes.post("/users",
                ctx -> {
                    throw new IntegrityException("auth", "user_name_key", "Bind 'auth' refused the write: duplicate key"
                            + " value violates unique constraint \"user_name_key\".", null);
                }));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/users")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"error\": \"Conflict\", \"description\": \"The request conflicts with data"
                + " already stored, such as a value that must be unique or a record that others still refer to.\"}");
        assertThat(log).extracting(ILoggingEvent::getFormattedMessage).contains("POST /users answered 409 Conflict:"
                + " dev.carafe.session.IntegrityException: Bind 'auth' refused the write: duplicate key value violates"
                + " unique constraint \"user_name_key\".");
    }

    @Test
    void anUnavailableDatabaseIs503ForTheClientWhileTheLogNamesTheBindAndThePool() throws Exception {
        List<ILoggingEvent> log = captureWebLog();
        String message = "Bind 'auth' (postgresql://app:***@127.0.0.1:5432/auth) gave no connection within 250 ms"
                + " (total=2, active=2, idle=0, waiting=3).";
        start(carafe -> {}, config -> config.routes.get("/accounts", ctx -> {
            throw new DatabaseUnavailableException("auth", message, "total=2, active=2, idle=0, waiting=3", null);
        }));

        HttpResponse<String> response = get("/accounts", "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"error\": \"Service Unavailable\", \"description\": \"The database is"
                + " unavailable. Try again shortly.\"}");
        assertThat(log).extracting(ILoggingEvent::getFormattedMessage).contains("GET /accounts answered 503 Service"
                + " Unavailable: dev.carafe.bind.DatabaseUnavailableException: " + message);
    }

    /** A lost update on each database, isolated by the extension like the tests above. */
    @Nested
    @ParameterizedClass(name = "{0}")
    @CarafeDatabases
    class LostUpdate {
        static Carafe db;

        @RegisterExtension
        static CarafeExtension carafe = CarafeExtension.of(() -> db);

        @Parameter
        TestDatabase database;

        @BeforeParameterizedClassInvocation
        static void createTables(TestDatabase database, @TempDir Path dir) {
            // Two connections: the request writes while another context does (SQLite's default is one).
            db = Carafe.builder().databaseUrl(database.url(dir)).engineOptions(EngineOptions.defaults().poolSize(2))
                    .models(Article.class).build();
            db.dropAll();   // the servers' test database holds other tests' tables
            db.createAll();
        }

        @AfterParameterizedClassInvocation
        static void dropTables() {
            try (Carafe closing = db) {
                closing.dropAll();
            }
            db = null;
        }

        @Test
        void aLostUpdateIs409() throws Exception {
            Javalin app = start(db, carafe -> carafe.errorFormat = ErrorFormat.JSON, config -> config.routes.post("/articles/{id}",
                    ctx -> {
                        Article article = db.session().get(Article.class, Long.valueOf(ctx.pathParam("id")));
                        // Another request changes the article between this one's read and its write.
                        try (DbContext other = db.context()) {
                            db.session().get(Article.class, article.id).title = "their title";
                            db.session().commit();
                        }
                        article.title = ctx.queryParam("title");
                        db.session().commit();
                    }));
            try {
                Long id = db.inTransaction(session -> session.add(new Article()).id);

                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                        + "/articles/" + id + "?title=mine")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(409);
                assertThat(response.body()).isEqualTo("{\"error\": \"Conflict\", \"description\": \"Someone else changed this"
                        + " record in the meantime. Load it again and repeat the change.\"}");
                assertThat(db.withContext(() -> db.session().get(Article.class, id).title)).isEqualTo("their title");
            } finally {
                app.stop();
            }
        }
    }
}
