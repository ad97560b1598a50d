package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.web.ErrorFormat;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes that opt in to retries with {@link CarafePlugin#retrying} run again after a conflict; the
 * others answer 503 with Retry-After, never 500. The conflict is PostgreSQL's own serialization
 * failure (SQLSTATE 40001), raised on the first attempt.
 */
class RetryRoutesTest {
    private static final String RAISE_CONFLICT =
            "do $$ begin raise exception 'simulated conflict' using errcode = 'serialization_failure'; end $$";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger attempts = new AtomicInteger();
    private Carafe db;
    private Javalin app;

    /** An order placed through a form. */
    @Entity
    public static class RetriedOrder {
        @Id
        @GeneratedValue
        public Long id;

        public String item;
    }

    @BeforeEach
    void start() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        db = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(dir)).models(RetriedOrder.class)
                .recordQueries(true).build();
        db.dropAll();
        db.createAll();
        Handler place = this::placeOrderFailingOnce;
        app = Javalin.create(config -> {
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new CarafePlugin(db, carafe -> {
                carafe.errorFormat("/api", ErrorFormat.JSON);
                carafe.debugView = true;
            }));
            config.routes.post("/api/retried/{item}", CarafePlugin.retrying(db, place));
            config.routes.post("/api/plain/{item}", place);
            config.routes.post("/plain/{item}", place);
        }).start(0);
    }

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

    private void placeOrderFailingOnce(Context ctx) {
        int attempt = attempts.incrementAndGet();
        ctx.header("X-Attempt", Integer.toString(attempt));
        RetriedOrder order = new RetriedOrder();
        order.item = ctx.pathParam("item");
        db.session().add(order);
        if (attempt == 1) db.session().hibernate().createNativeMutationQuery(RAISE_CONFLICT).executeUpdate();
        db.session().commit();
        ctx.status(201).result("placed " + order.item);
    }

    private HttpResponse<String> post(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> items() {
        return db.withContext(() -> db.session().scalars(db.select(RetriedOrder.class).orderBy("id")).stream()
                .map(order -> order.item).toList());
    }

    @Test
    void aRouteThatOptsInRunsAgainAfterAConflictAndAnswersAsTheSecondAttempt() throws Exception {
        HttpResponse<String> response = post("/api/retried/teapot", "application/json");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("placed teapot");
        assertThat(response.headers().allValues("X-Attempt")).containsExactly("2");
        assertThat(attempts).hasValue(2);
        assertThat(items()).containsExactly("teapot");
        // The debug view counts the statements of both attempts: the first one's refused block (its insert
        // was still held back for the commit) and the second one's insert.
        assertThat(response.headers().firstValue("X-Carafe-Queries")).hasValueSatisfying(value -> assertThat(value)
                .startsWith("2;"));
        assertThat(db.transactionRetries().retried()).isEqualTo(1);
    }

    @Test
    void aRouteThatDoesNotOptInAnswers503WithRetryAfterInJson() throws Exception {
        HttpResponse<String> response = post("/api/plain/teapot", "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"error\": \"Service Unavailable\", \"description\": \"The request collided"
                + " with another one changing the same data. Try again shortly.\"}");
        assertThat(attempts).hasValue(1);
        assertThat(items()).isEmpty();
    }

    @Test
    void aRouteThatDoesNotOptInAnswers503WithRetryAfterInHtmlForABrowser() throws Exception {
        HttpResponse<String> response = post("/plain/teapot", "text/html");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).contains("<title>503 Service Unavailable</title>")
                .contains("The request collided with another one changing the same data. Try again shortly.");
        assertThat(items()).isEmpty();
    }
}
