package dev.carafe.javalin.reliability;

import dev.carafe.Carafe;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary strings (unicode, control characters, %-escapes, SQL, very long) at every input of a
 * test app that covers Carafe's HTTP surface: path ids, page and per_page, keyset cursors,
 * filterBy attribute names and values, form fields. Every response is a 2xx, 3xx, 400, 403 or
 * 404, never a 500, and no request changes a row it should not.
 */
class HostileInputTest {
    /** 414 and 431 are Jetty refusing a URI or headers over its limits before the application sees them. */
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 204, 301, 302, 303, 307, 308, 400, 403, 404, 414, 431);
    private static final int SEEDED = 30;
    private static final Map<String, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Carafe db;
    private static Javalin app;

    @BeforeContainer
    static void start() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        db = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(null)).models(Todo.class).build();
        db.dropAll();
        db.createAll();
        db.useTransaction(session -> {
            for (int i = 1; i <= SEEDED; i++) session.add(new Todo("seeded " + i));
        });
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.get("/todos/{id}", ctx -> ctx.result(db.getOr404(Todo.class, ctx.pathParam("id")).title));
            config.routes.get("/todos", ctx -> ctx.result(String.valueOf(db.paginate(db.select(Todo.class).orderBy("id")).items().size())));
            config.routes.get("/keyset", ctx -> {
                var page = db.paginateKeyset(db.select(Todo.class).orderBy("id"), ctx.queryParam("cursor"), 5);
                ctx.result(page.items().size() + " " + page.nextCursor());
            });
            config.routes.get("/filter", ctx -> {
                String attribute = Objects.requireNonNullElse(ctx.queryParam("filter"), "");
                ctx.result(String.valueOf(db.session().execute(
                        db.select(Todo.class).filterBy(attribute, ctx.queryParam("value"))).all().size()));
            });
            config.routes.post("/todos", ctx -> {
                Todo todo = db.session().add(new Todo(ctx.formParam("title")));
                db.session().commit();
                ctx.status(201).result(String.valueOf(todo.id));
            });
            config.routes.post("/todos/{id}/title", ctx -> {
                Todo todo = db.getOr404(Todo.class, ctx.pathParam("id"));
                todo.title = ctx.formParam("title");
                db.session().commit();
                ctx.result(String.valueOf(todo.id));
            });
        }).start(0);
    }

    @AfterContainer
    static void stop() {
        System.out.println("HostileInputTest: responses by status " + new TreeMap<>(STATUSES));
        if (app != null) app.stop();
        if (db != null) {
            try {
                db.dropAll();
            } finally {
                dev.carafe.testing.LeakCheck.closeChecked(db);
            }
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withChars("%0123456789abcdefzZ/.-_'\";\\ \u0000\n\r\t<>&?#=+*()[]{}").ofMaxLength(60),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(20),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("", " ", "'; drop table todo; --", "1 OR 1=1", "1' OR '1'='1", "%00", "%zz", "%", "%%",
                        "%2e%2e%2f", "../../etc/passwd", "-1", "0", "1", "2147483648", "99999999999999999999", "1e9",
                        "NaN", "Infinity", "0x10", "\u0000", "title", "id", "done", "class", "title.length",
                        "hibernateLazyInitializer", "\uD800", "\uFEFF1", "１", "٣", "9".repeat(1000), "a".repeat(5000)));
    }

    @Property(tries = 200)
    void aPathIdNeverGivesA500(@ForAll("hostile") String id) throws Exception {
        assertReadOnly(() -> get("/todos/" + encode(id)));
    }

    @Property(tries = 200)
    void pageAndPerPageNeverGiveA500(@ForAll("hostile") String page, @ForAll("hostile") String perPage) throws Exception {
        assertReadOnly(() -> get("/todos?page=" + encode(page) + "&per_page=" + encode(perPage)));
    }

    @Property(tries = 200)
    void aKeysetCursorNeverGivesA500(@ForAll("hostile") String cursor) throws Exception {
        assertReadOnly(() -> get("/keyset?cursor=" + encode(cursor)));
    }

    @Property(tries = 200)
    void filterByNamesAndValuesFromTheRequestNeverGiveA500(@ForAll("hostile") String attribute, @ForAll("hostile") String value)
            throws Exception {
        assertReadOnly(() -> get("/filter?filter=" + encode(attribute) + "&value=" + encode(value)));
    }

    @Property(tries = 200)
    void aFormFieldIsStoredVerbatimOrRefusedWithA400(@ForAll("hostile") String title) throws Exception {
        List<String> before = snapshot();
        HttpResponse<String> response = post("/todos", "title=" + encode(title));
        List<String> after = snapshot();
        if (response.statusCode() == 201) {
            assertThat(after).hasSize(before.size() + 1).containsAll(before);
            assertThat(titleOf(Long.parseLong(response.body()))).isEqualTo(sent(title));
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(after).isEqualTo(before);
        }
    }

    @Property(tries = 200)
    void anUpdateChangesOnlyItsOwnRow(@ForAll("ids") String id, @ForAll("hostile") String title) throws Exception {
        List<String> before = snapshot();
        HttpResponse<String> response = post("/todos/" + encode(id) + "/title", "title=" + encode(title));
        List<String> after = snapshot();
        if (response.statusCode() == 200) {
            long changed = Long.parseLong(response.body());
            assertThat(titleOf(changed)).isEqualTo(sent(title));
            List<String> others = new ArrayList<>(after);
            others.removeIf(row -> row.startsWith(changed + "|"));
            List<String> othersBefore = new ArrayList<>(before);
            othersBefore.removeIf(row -> row.startsWith(changed + "|"));
            assertThat(others).isEqualTo(othersBefore);
        } else {
            assertThat(after).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(hostile(), Arbitraries.integers().between(1, SEEDED).map(String::valueOf));
    }

    @Example
    void aClassicInjectionStringIsStoredAndReadBackVerbatim() throws Exception {
        String injection = "Robert'); DROP TABLE todo; --";
        HttpResponse<String> created = post("/todos", "title=" + encode(injection));
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> read = get("/todos/" + created.body());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(injection);
        assertThat(get("/filter?filter=title&value=" + encode(injection)).body()).isEqualTo("1");
    }

    @Example
    void malformedPercentEscapesInTheRawRequestNeverGiveA500() throws Exception {
        List<String> before = snapshot();
        for (String target : List.of("/todos?page=%zz&per_page=%G0", "/todos?page=%&per_page=%%", "/todos/%zz", "/todos/%00",
                "/todos/%C0%AF", "/todos/%ED%A0%80", "/keyset?cursor=%", "/keyset?cursor=%FF%FE",
                "/filter?filter=%zz&value=%", "/filter?filter=title%00&value=%E2%82")) {
            int status = rawStatus(target);
            STATUSES.computeIfAbsent(String.valueOf(status), k -> new AtomicInteger()).incrementAndGet();
            assertThat(status).as(target).isIn(ALLOWED);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Sends a request line as is, which Java's HTTP client would refuse to build. */
    private static int rawStatus(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** What the server receives for a value: its form encoding decoded (JDKs differ on lone surrogates). */
    private static String sent(String value) {
        return java.net.URLDecoder.decode(encode(value), StandardCharsets.UTF_8);
    }

    private interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private static void assertReadOnly(Request request) throws Exception {
        List<String> before = snapshot();
        request.send();
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return checked(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery)).GET());
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return checked(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> checked(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(20)).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        STATUSES.computeIfAbsent(String.valueOf(response.statusCode()), k -> new AtomicInteger()).incrementAndGet();
        assertThat(response.statusCode()).as("%s %s -> %s", request.build().method(), abbreviated(request.build().uri().toString()),
                abbreviated(response.body())).isIn(ALLOWED);
        return response;
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    private static List<String> snapshot() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRESQL.jdbcUrl());
                ResultSet result = connection.createStatement().executeQuery("select id, title, done from todo order by id")) {
            while (result.next()) rows.add(result.getLong(1) + "|" + result.getString(2) + "|" + result.getBoolean(3));
        }
        return rows;
    }

    private static String titleOf(long id) throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabase.POSTGRESQL.jdbcUrl());
                PreparedStatement statement = connection.prepareStatement("select title from todo where id = ?")) {
            statement.setLong(1, id);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }
}
