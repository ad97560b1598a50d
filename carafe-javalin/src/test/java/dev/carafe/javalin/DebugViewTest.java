package dev.carafe.javalin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.blog.PostViews;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carafe.Carafe;
import dev.carafe.config.ConfigException;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testmodels.blog.Author;
import dev.carafe.testmodels.blog.Post;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebugViewTest {
    private static final String HEADER = "X-Carafe-Queries";
    private static final String HANDLERS = "com.example.blog.PostViews.";
    private static final String REFUSAL = "The Carafe debug view refuses to start: Javalin listens on %s (%s),"
            + " and the view shows every statement and its parameters to whoever can reach it. It is for development"
            + " only: set config.jetty.host = \"127.0.0.1\", or set debugViewForce = true in CarafePlugin's config if"
            + " you mean to expose it.";

    /** The db of most tests: recording queries, as the debug view needs, and isolated by the extension. */
    static Carafe recording = Carafe.builder().databaseUrl("jdbc:h2:mem:debug-view").models(Author.class, Post.class)
            .recordQueries(true).build();

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(recording);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Carafe db = recording;
    private Javalin app;
    private ListAppender<ILoggingEvent> sqlLog;

    @BeforeAll
    static void createTables() {
        recording.createAll();
    }

    @AfterAll
    static void close() {
        recording.close();
    }

    /**
     * Builds a db of the test's own, for the tests of settings the class's db does not have (N+1
     * detection, no recording) and of other databases; not isolated, dropped after the test.
     */
    private Carafe open(TestDatabase database, Consumer<Carafe.Builder> settings) {
        Carafe.Builder builder = Carafe.builder().databaseUrl(database.url(dir)).models(Author.class, Post.class);
        settings.accept(builder);
        db = builder.build();
        db.dropAll();
        db.createAll();
        return db;
    }

    private void start(Consumer<CarafePlugin.Config> plugin, Consumer<JavalinConfig> routes) {
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new CarafePlugin(db, plugin));
            routes.accept(config);
        }).start(0);
    }

    private void startWithDebugView(Consumer<JavalinConfig> routes) {
        start(carafe -> carafe.debugView = true, routes);
    }

    private static void postRoutes(JavalinConfig config, PostViews views) {
        config.routes.get("/posts/lazy", views::listCountingEachAuthorsPosts);
        config.routes.get("/posts/fetched", views::listFetchingAuthors);
        config.routes.get("/posts/search", views::search);
    }

    private List<ILoggingEvent> captureSqlLog() {
        Logger logger = (Logger) LoggerFactory.getLogger("carafe.sql");
        sqlLog = new ListAppender<>();
        sqlLog.start();
        logger.addAppender(sqlLog);
        return sqlLog.list;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (sqlLog != null) ((Logger) LoggerFactory.getLogger("carafe.sql")).detachAppender(sqlLog);
        if (app != null) app.stop();
        if (db != recording) {
            for (int i = 0; i < 100 && db.openContexts() > 0; i++) Thread.sleep(10);
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode page() throws Exception {
        HttpResponse<String> response = get("/_carafe?format=json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        return json.readTree(response.body());
    }

    private List<Long> seedPostsWithDistinctAuthors(int count) {
        db.useTransaction(session -> {
            for (int i = 1; i <= count; i++) session.add(new Post("post " + i, i, session.add(new Author("author " + i))));
        });
        return db.withContext(() -> db.session().scalars(db.select(Post.class).fetch("author").orderBy("id")).stream()
                .map(post -> post.author.id).toList());
    }

    /** The location of the line of PostViews that ends with the comment {@code // [marker]}. */
    private static String handlerLine(String method, String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/com/example/blog/PostViews.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// [" + marker + "]")) return HANDLERS + method + "(PostViews.java:" + (i + 1) + ")";
        }
        throw new AssertionError("No line of PostViews.java ends with // [" + marker + "]");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    @ParameterizedTest
    @CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
    void aRequestThatCountsEachAuthorsPostsRecords21StatementsFromTheHandlerAndWarnsOfNPlusOne(TestDatabase database)
            throws Exception {
        List<ILoggingEvent> log = captureSqlLog();
        open(database, builder -> builder.recordQueries(true).nPlusOne(NPlusOneMode.WARN));
        List<Long> authorIds = seedPostsWithDistinctAuthors(20);
        startWithDebugView(config -> postRoutes(config, new PostViews(db)));
        log.clear();

        HttpResponse<String> response = get("/posts/lazy");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("post 1 by author 1 (1)\n").endsWith("post 20 by author 20 (1)\n");
        assertThat(response.headers().firstValue(HEADER)).hasValueSatisfying(
                value -> assertThat(value).matches("21; \\d+\\.\\d{3} ms"));
        String postsLine = handlerLine("listCountingEachAuthorsPosts", "posts");
        String authorsLine = handlerLine("listCountingEachAuthorsPosts", "authors");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(log.get(0).getFormattedMessage()).startsWith(
                "N+1 query pattern: the same statement ran 10 times in one context from " + authorsLine + " on bind"
                        + " 'default': ");

        JsonNode request = page().get("requests").get(0);
        assertThat(request.get("method").asText()).isEqualTo("GET");
        assertThat(request.get("path").asText()).isEqualTo("/posts/lazy");
        assertThat(request.get("status").asInt()).isEqualTo(200);
        assertThat(request.get("statementCount").asInt()).isEqualTo(21);
        JsonNode statements = request.get("statements");
        assertThat(statements).hasSize(21);
        List<String> locations = texts(statements, "location");
        assertThat(locations.get(0)).isEqualTo(postsLine);
        assertThat(locations.subList(1, 21)).containsOnly(authorsLine);
        for (int i = 1; i <= 20; i++) {
            JsonNode statement = statements.get(i);
            assertThat(statement.get("statement").asText().toLowerCase()).contains("from post").contains("?");
            assertThat(statement.get("parameters").toString()).isEqualTo("[[" + authorIds.get(i - 1) + "]]");
        }
        JsonNode warning = request.get("nPlusOne");
        assertThat(warning).hasSize(1);
        assertThat(warning.get(0).get("location").asText()).isEqualTo(authorsLine);
        assertThat(warning.get(0).get("count").asInt()).isEqualTo(20);
        assertThat(warning.get(0).get("statement").asText()).isEqualTo(statements.get(1).get("statement").asText());
    }

    @ParameterizedTest
    @CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
    void withFetchTheSameListRecordsTwoStatementsAndWarnsNothing(TestDatabase database) throws Exception {
        List<ILoggingEvent> log = captureSqlLog();
        open(database, builder -> builder.recordQueries(true).nPlusOne(NPlusOneMode.WARN));
        seedPostsWithDistinctAuthors(20);
        startWithDebugView(config -> postRoutes(config, new PostViews(db)));
        log.clear();

        HttpResponse<String> response = get("/posts/fetched");

        assertThat(response.body()).startsWith("post 1 by author 1\n").endsWith("post 20 by author 20\n");
        assertThat(response.headers().firstValue(HEADER)).hasValueSatisfying(
                value -> assertThat(value).matches("2; \\d+\\.\\d{3} ms"));
        assertThat(log).isEmpty();
        JsonNode request = page().get("requests").get(0);
        assertThat(texts(request.get("statements"), "location")).containsOnly(handlerLine("listFetchingAuthors", "page"));
        assertThat(request.get("nPlusOne")).isEmpty();
    }

    @Test
    void inRaiseModeTheNPlusOnePatternGivesAnErrorResponse() throws Exception {
        open(TestDatabase.H2, builder -> builder.recordQueries(true).nPlusOne(NPlusOneMode.RAISE));
        seedPostsWithDistinctAuthors(20);
        startWithDebugView(config -> postRoutes(config, new PostViews(db)));

        HttpResponse<String> response = get("/posts/lazy");

        assertThat(response.statusCode()).isEqualTo(500);
        // The tenth count was refused before it ran: the posts and nine counts remain.
        assertThat(response.headers().firstValue(HEADER)).hasValueSatisfying(value -> assertThat(value).startsWith("10; "));
        JsonNode request = page().get("requests").get(0);
        assertThat(request.get("status").asInt()).isEqualTo(500);
        assertThat(request.get("nPlusOne")).isEmpty();
    }

    @Test
    void recordedParametersAreTheBoundValuesAndTheStatementNeverContainsThem() throws Exception {
        seedPostsWithDistinctAuthors(3);
        startWithDebugView(config -> postRoutes(config, new PostViews(db)));

        assertThat(get("/posts/search?title=" + URLEncoder.encode("post 2", StandardCharsets.UTF_8)).body()).isEqualTo("1 found");

        JsonNode statement = page().get("requests").get(0).get("statements").get(0);
        assertThat(statement.get("parameters").toString()).isEqualTo("[[\"post 2\"]]");
        assertThat(statement.get("statement").asText()).contains("?").doesNotContain("post 2");
        assertThat(statement.get("location").asText()).startsWith(HANDLERS + "search(PostViews.java:");
        assertThat(statement.get("bind").asText()).isEqualTo("default");
        assertThat(statement.get("durationMillis").asDouble()).isPositive();
    }

    @Test
    void everyResponseCarriesTheHeaderNormalOrError() throws Exception {
        startWithDebugView(config -> {
            config.routes.get("/hello", ctx -> ctx.result("hello"));
            config.routes.get("/authors/{id}", ctx -> ctx.result(db.getOr404(Author.class, ctx.pathParam("id")).name()));
            config.routes.get("/fail", ctx -> {
                db.session().scalars(db.select(Post.class));
                throw new IllegalStateException("handler failed");
            });
        });

        HttpResponse<String> plain = get("/hello");
        assertThat(plain.headers().firstValue(HEADER)).hasValue("0; 0.000 ms");
        HttpResponse<String> notFound = get("/authors/7");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue(HEADER)).hasValueSatisfying(value -> assertThat(value).startsWith("1; "));
        HttpResponse<String> failed = get("/fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue(HEADER)).hasValueSatisfying(value -> assertThat(value).startsWith("1; "));
        HttpResponse<String> noRoute = get("/nowhere");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.headers().firstValue(HEADER)).hasValue("0; 0.000 ms");

        JsonNode requests = page().get("requests");
        assertThat(texts(requests, "path")).containsExactly("/nowhere", "/fail", "/authors/7", "/hello");
        assertThat(texts(requests, "status")).containsExactly("404", "500", "404", "200");
    }

    @Test
    void thePageListsTheStatementsLocationsAndNPlusOneWarningsAsEscapedHtml() throws Exception {
        seedPostsWithDistinctAuthors(12);
        startWithDebugView(config -> postRoutes(config, new PostViews(db)));
        get("/posts/lazy");
        get("/posts/search?title=" + URLEncoder.encode("<script>alert('x')</script>", StandardCharsets.UTF_8));

        HttpResponse<String> page = get("/_carafe");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue(HEADER)).isEmpty();
        String html = page.body();
        assertThat(html).contains("<h1>Carafe debug view</h1>").contains("For development only")
                .contains("GET /posts/lazy <span class=\"status\">200</span>")
                .contains("13 statements, ")
                .contains("<p class=\"warning\"><strong>N+1 query pattern:</strong> the same statement ran 12 times"
                        + " from <code>" + handlerLine("listCountingEachAuthorsPosts", "authors") + "</code> on bind 'default'")
                .contains(handlerLine("listCountingEachAuthorsPosts", "posts"))
                // Parameters are shown as JSON, whose strings escape markup too.
                .contains("[[&quot;\\u003cscript\\u003ealert(&#39;x&#39;)\\u003c/script\\u003e&quot;]]")
                .doesNotContain("<script>");
        assertThat(html.indexOf("GET /posts/search")).isLessThan(html.indexOf("GET /posts/lazy"));
    }

    @Test
    void thePageKeepsTheLastRequestsOnlyAndNotItself() throws Exception {
        start(carafe -> {
            carafe.debugView = true;
            carafe.debugViewRequests = 3;
            carafe.debugViewPath = "/debug/sql";
        }, config -> config.routes.get("/hello/{n}", ctx -> ctx.result("hello")));
        for (int n = 1; n <= 5; n++) {
            get("/hello/" + n);
            get("/debug/sql");
        }

        JsonNode page = json.readTree(get("/debug/sql?format=json").body());

        assertThat(page.get("capacity").asInt()).isEqualTo(3);
        assertThat(page.get("nPlusOneThreshold").asInt()).isEqualTo(10);
        assertThat(texts(page.get("requests"), "path")).containsExactly("/hello/5", "/hello/4", "/hello/3");
        assertThat(get("/_carafe").statusCode()).isEqualTo(404);
    }

    @Test
    void theDebugViewIsOffByDefault() throws Exception {
        start(carafe -> {}, config -> config.routes.get("/hello", ctx -> ctx.result("hello")));

        assertThat(get("/hello").headers().firstValue(HEADER)).isEmpty();
        assertThat(get("/_carafe").statusCode()).isEqualTo(404);
        assertThat(new CarafePlugin.Config().debugView).isFalse();
    }

    @Test
    void itRefusesToStartWithoutRecordQueries() {
        open(TestDatabase.H2, builder -> {});
        assertThatThrownBy(() -> startWithDebugView(config -> {})).isInstanceOf(ConfigException.class)
                .hasMessage("The Carafe debug view needs record-queries, which is off. Build the Carafe instance with"
                        + " .recordQueries(true) (or set record-queries=true, CARAFE_RECORD_QUERIES=true), or turn the"
                        + " debug view off.");
    }

    @Test
    void itRefusesWrongSettings() {
        assertThatThrownBy(() -> start(carafe -> {
            carafe.debugView = true;
            carafe.debugViewRequests = 0;
        }, config -> {})).isInstanceOf(ConfigException.class).hasMessage("debugViewRequests must be at least 1, got 0.");
        assertThatThrownBy(() -> start(carafe -> {
            carafe.debugView = true;
            carafe.debugViewPath = "_carafe";
        }, config -> {})).isInstanceOf(ConfigException.class)
                .hasMessage("debugViewPath must be a path such as \"/_carafe\", got \"_carafe\".");
    }

    private Javalin create(String host, boolean force) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new CarafePlugin(db, carafe -> {
                carafe.debugView = true;
                carafe.debugViewForce = force;
            }));
            config.jetty.host = host;
        });
    }

    @Test
    void itRefusesToStartWhenJavalinListensOnEveryInterface() {
        assertThatThrownBy(() -> create(null, false)).isInstanceOf(ConfigException.class)
                .hasMessage(REFUSAL.formatted("all interfaces", "config.jetty.host is not set"));
        assertThatThrownBy(() -> create("", false)).isInstanceOf(ConfigException.class)
                .hasMessage(REFUSAL.formatted("all interfaces", "config.jetty.host is not set"));
        assertThatThrownBy(() -> create("0.0.0.0", false)).isInstanceOf(ConfigException.class)
                .hasMessage(REFUSAL.formatted("all interfaces", "config.jetty.host = \"0.0.0.0\""));
        assertThatThrownBy(() -> create("::", false)).isInstanceOf(ConfigException.class)
                .hasMessage(REFUSAL.formatted("all interfaces", "config.jetty.host = \"::\""));
        assertThatThrownBy(() -> create("192.0.2.10", false)).isInstanceOf(ConfigException.class)
                .hasMessage(REFUSAL.formatted("192.0.2.10, not a loopback address", "config.jetty.host = \"192.0.2.10\""));
        assertThatThrownBy(() -> create("host.invalid", false)).isInstanceOf(ConfigException.class)
                .hasMessage(REFUSAL.formatted("host.invalid, a name that does not resolve", "config.jetty.host = \"host.invalid\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "127.0.0.2"})
    void itStartsOnALoopbackAddress(String host) {
        assertThat(create(host, false)).isNotNull();
    }

    @Test
    void forcedItStartsOnAnyAddress() {
        // Created, not started: the tests listen on loopback only.
        assertThat(create("0.0.0.0", true)).isNotNull();
        assertThat(create(null, true)).isNotNull();
    }

    @Test
    void itRefusesAHostGivenToStartLater() {
        Javalin created = create("127.0.0.1", false);
        try {
            assertThatThrownBy(() -> created.start("0.0.0.0", 0)).isInstanceOf(ConfigException.class)
                    .hasMessage(REFUSAL.formatted("all interfaces", "the host of a connector = \"0.0.0.0\""));
        } finally {
            created.stop();
        }
    }

    /** Sends a request with headers the JDK's client does not let a caller set (Host), over a plain socket. */
    private String rawGet(String path, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            for (String header : headers) request.append(header).append("\r\n");
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String statusLine(String response) {
        return response.substring(0, response.indexOf("\r\n"));
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host: attacker.example", "Host: attacker.example:7070", "Host: 127.0.0.1.attacker.example",
        "Host: localhost.attacker.example"})
    void aRequestForAnotherHostIsAnsweredAsAPathWithoutARoute(String host) throws Exception {
        startWithDebugView(config -> config.routes.get("/hello", ctx -> ctx.result("hello")));
        get("/hello");

        String refused = rawGet("/_carafe", host);
        String noRoute = rawGet("/nowhere", host);

        assertThat(statusLine(refused)).isEqualTo("HTTP/1.1 404 Not Found");
        assertThat(body(refused)).isEqualTo(body(noRoute).replace("/nowhere", "/_carafe"))
                .isEqualTo("Endpoint GET /_carafe not found");
        assertThat(refused).doesNotContainIgnoringCase(HEADER).doesNotContain("/hello");
        assertThat(rawGet("/hello", host)).doesNotContainIgnoringCase(HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Forwarded-For: 198.51.100.7", "X-Forwarded-Host: attacker.example",
        "Forwarded: for=198.51.100.7;host=attacker.example"})
    void aRequestThatCameThroughAProxyIsRefusedWhateverItsHost(String forwarded) throws Exception {
        startWithDebugView(config -> {});

        assertThat(statusLine(rawGet("/_carafe", "Host: 127.0.0.1:" + app.port(), forwarded)))
                .isEqualTo("HTTP/1.1 404 Not Found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:%d", "127.0.0.1:%d", "127.1.2.3", "[::1]:%d", "localhost.:%d"})
    void aRequestForALoopbackNameOrAddressIsAnswered(String host) throws Exception {
        startWithDebugView(config -> {});

        assertThat(statusLine(rawGet("/_carafe", "Host: " + host.formatted(app.port())))).isEqualTo("HTTP/1.1 200 OK");
    }
}
