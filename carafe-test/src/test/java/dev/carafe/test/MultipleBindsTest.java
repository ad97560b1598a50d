package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.test.models.Account;
import dev.carafe.test.models.Todo;
import java.nio.file.Files;
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

/** Every bind is isolated: a request that writes to two binds leaves neither changed. */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultipleBindsTest {
    static Carafe db;
    static JettyApp app;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        db = Carafe.builder()
                .databaseUrl(database.url(Files.createTempDirectory("carafe-test")))
                .bind("auth", TestDatabase.H2.url(null))
                .models(Todo.class, Account.class)
                .build();
        db.dropAll();
        db.createAll();
        app = new JettyApp(db)
                .route("/signup", request -> {
                    db.session().add(new Account(request.getParameter("name")));
                    db.session().add(new Todo("welcome " + request.getParameter("name")));
                    db.session().commit();
                    return "welcome";
                })
                .start();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        if (app != null) app.close();
        FreshTables.close(db);
    }

    static long[] counts() {
        return db.withContext(() -> new long[] {db.query(Todo.class).count(), db.query(Account.class).count()});
    }

    @Test
    @Order(1)
    void aRequestWritesToBothBinds() throws Exception {
        assertThat(app.post("/signup", "name=ada").statusCode()).isEqualTo(201);

        assertThat(counts()).containsExactly(1, 1);
    }

    @Test
    @Order(2)
    void theNextTestFindsBothBindsAsTheyWere() {
        assertThat(counts()).containsExactly(0, 0);
    }
}
