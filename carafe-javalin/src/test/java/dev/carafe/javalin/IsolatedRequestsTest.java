package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import dev.carafe.testmodels.Todo;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * carafe-test's isolation through the Javalin plugin: a test that POSTs to a running application sees
 * the new row and leaves none behind, and the next test sees the database as it was.
 */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolatedRequestsTest {
    static Carafe db;
    static Javalin app;
    static final HttpClient http = HttpClient.newHttpClient();

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        db = Carafe.builder().databaseUrl(database.url(Files.createTempDirectory("carafe-javalin"))).models(Todo.class).build();
        db.dropAll();
        db.createAll();
        db.useTransaction(session -> session.add(new Todo("there before the tests")));
        app = Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.jetty.host = "127.0.0.1";
            config.startup.showJavalinBanner = false;
            config.routes.post("/todos", ctx -> {
                Todo todo = db.session().add(new Todo(ctx.formParam("title")));
                db.session().commit();
                ctx.status(201).result(String.valueOf(todo.id));
            });
            config.routes.get("/todos", ctx -> ctx.result(String.join("\n", titles())));
        }).start(0);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (app != null) app.stop();
        if (db == null) return;
        try {
            assertThat(db.withContext(IsolatedRequestsTest::titles)).containsExactly("there before the tests");
            db.dropAll();
        } finally {
            db.close();
            db = null;
            app = null;
        }
    }

    static List<String> titles() {
        return db.session().scalars(db.select(Todo.class).orderBy("id")).stream().map(todo -> todo.title).toList();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    }

    @Test
    @Order(1)
    void aPostedRowIsSeenByTheTestAndOverHttp() throws Exception {
        HttpResponse<String> created = send(request("/todos").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=posted+in+the+test")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(db.withContext(IsolatedRequestsTest::titles)).containsExactly("there before the tests", "posted in the test");
        assertThat(send(request("/todos").GET()).body()).isEqualTo("there before the tests\nposted in the test");
    }

    @Test
    @Order(2)
    void theNextTestSeesTheDatabaseAsItWas() throws Exception {
        assertThat(db.withContext(IsolatedRequestsTest::titles)).containsExactly("there before the tests");
        assertThat(send(request("/todos").GET()).body()).isEqualTo("there before the tests");
    }
}
