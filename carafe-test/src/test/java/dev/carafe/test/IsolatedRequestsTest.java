package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.test.models.Todo;
import java.net.http.HttpResponse;
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
 * The issue's own test, through the servlet filter on Jetty: a test that POSTs to a running
 * application sees the new row and leaves none behind, and the next test sees the database as it was.
 */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IsolatedRequestsTest {
    static Carafe db;
    static JettyApp app;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        db = FreshTables.open(database, Todo.class);
        db.useTransaction(session -> session.add(new Todo("there before the tests")));
        app = new JettyApp(db)
                .route("/todos", request -> {
                    if (request.getMethod().equals("POST")) {
                        Todo todo = db.session().add(new Todo(request.getParameter("title")));
                        db.session().commit();
                        return String.valueOf(todo.id);
                    }
                    return String.join("\n", db.session().scalars(db.select(Todo.class).orderBy("id")).stream().map(Todo::title).toList());
                })
                .start();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        if (app != null) app.close();
        try {
            if (db != null) assertThat(titles()).containsExactly("there before the tests");
        } finally {
            FreshTables.close(db);
            db = null;
            app = null;
        }
    }

    static java.util.List<String> titles() {
        return db.withContext(() -> db.session().scalars(db.select(Todo.class).orderBy("id")).stream().map(Todo::title).toList());
    }

    @Test
    @Order(1)
    void aPostedRowIsSeenByTheTestAndOverHttp() throws Exception {
        HttpResponse<String> created = app.post("/todos", "title=posted+in+the+test");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(titles()).containsExactly("there before the tests", "posted in the test");
        assertThat(app.get("/todos").body()).isEqualTo("there before the tests\nposted in the test");
    }

    @Test
    @Order(2)
    void theNextTestSeesTheDatabaseAsItWas() throws Exception {
        assertThat(titles()).containsExactly("there before the tests");
        assertThat(app.get("/todos").body()).isEqualTo("there before the tests");
    }
}
