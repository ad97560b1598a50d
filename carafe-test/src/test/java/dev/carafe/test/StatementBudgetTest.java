package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.isolation.ExecutedStatement;
import dev.carafe.test.models.Account;
import dev.carafe.test.models.Todo;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement budgets count every bind's statements, those of the requests a block sends included. */
class StatementBudgetTest {
    static Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).bind("auth", TestDatabase.H2.url(null))
            .models(Todo.class, Account.class).build();
    static JettyApp app;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(db);

    @BeforeAll
    static void start() throws Exception {
        db.createAll();
        app = new JettyApp(db)
                .route("/todos", request -> {
                    db.session().add(new Todo(request.getParameter("title")));
                    db.session().commit();
                    return "created";
                })
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        db.close();
    }

    @Test
    void aBlockWithinItsCountPasses() throws Exception {
        carafe.assertStatements(2, () -> {
            app.post("/todos", "title=counted");
            db.useContext(() -> db.query(Todo.class).count());
        });
        carafe.assertStatementsAtMost(5, () -> db.useContext(() -> db.query(Todo.class).count()));
        carafe.assertStatements("auth", 0, () -> db.useContext(() -> db.query(Todo.class).count()));
    }

    @Test
    void aBlockOverItsCountFailsListingTheStatementsWithTheirLines() {
        assertThatThrownBy(() -> carafe.assertStatements(1, () -> {
            app.post("/todos", "title=over");
            db.useContext(() -> db.query(Todo.class).count());
        })).hasMessageMatching("""
                Expected 1 statement, but the block ran 2:
                  1\\. \\[default\\] insert into todo \\(title,id\\) values \\(\\?,default\\)
                     at dev\\.carafe\\.test\\.StatementBudgetTest\\.lambda\\$start\\$0\\(StatementBudgetTest\\.java:\\d+\\) on thread 'qtp[^']+'
                  2\\. \\[default\\] select count\\(\\*\\) from todo t1_0
                     at dev\\.carafe\\.test\\.StatementBudgetTest\\.lambda\\$aBlockOverItsCountFailsListingTheStatementsWithTheirLines\\$\\d+\\(StatementBudgetTest\\.java:\\d+\\) on thread 'main'""");
    }

    @Test
    void aBudgetCountsOneBindOrAllOfThem() {
        assertThatThrownBy(() -> carafe.assertStatementsAtMost(0, () -> db.useContext(() -> db.query(Account.class).count())))
                .hasMessageStartingWith("Expected at most 0 statements, but the block ran 1:\n  1. [auth] select count(*) from account a1_0");
        assertThatThrownBy(() -> carafe.assertStatements("auth", 2, () -> db.useContext(() -> db.query(Account.class).count())))
                .hasMessageStartingWith("Expected 2 statements on bind 'auth', but the block ran 1:\n  1. [auth] select");
    }

    @Test
    void recordedStatementsNameTheirBindAndThread() throws Exception {
        List<ExecutedStatement> ran = carafe.recordStatements(() -> db.useContext(() -> db.query(Account.class).count()));

        assertThat(ran).singleElement().satisfies(statement -> {
            assertThat(statement.bind()).isEqualTo("auth");
            assertThat(statement.statement()).isEqualTo("select count(*) from account a1_0");
            assertThat(statement.thread()).isEqualTo(Thread.currentThread().getName());
            assertThat(statement.location()).startsWith("dev.carafe.test.StatementBudgetTest.lambda$");
        });
    }
}
