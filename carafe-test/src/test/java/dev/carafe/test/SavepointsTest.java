package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.test.models.Todo;
import java.sql.Statement;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inside an isolated test, commits and rollbacks are savepoints: each undoes only its own part. */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SavepointsTest {
    static Carafe db;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void build(TestDatabase database) throws Exception {
        db = FreshTables.open(database, Todo.class);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        FreshTables.close(db);
    }

    static List<String> titles() {
        return db.withContext(() -> db.session().scalars(db.select(Todo.class).orderBy("id")).stream().map(Todo::title).toList());
    }

    @Test
    @Order(1)
    void aRollbackInsideTheTestUndoesOnlyItsOwnPart() {
        db.useTransaction(session -> session.add(new Todo("committed")));
        try (DbContext ctx = db.context()) {
            Session session = db.session();
            session.add(new Todo("rolled back"));
            session.flush();
            assertThat(session.scalars(db.select(Todo.class)).size()).isEqualTo(2);
            session.rollback();
        }

        assertThat(titles()).containsExactly("committed");
    }

    @Test
    @Order(2)
    void nestedContextsCommitAndRollBackTheirOwnParts() {
        try (DbContext outer = db.context()) {
            db.session().add(new Todo("outer"));
            try (DbContext inner = db.context()) {
                db.session().add(new Todo("inner, rolled back"));
                db.session().flush();
                db.session().rollback();
            }
            try (DbContext inner = db.context()) {
                db.session().add(new Todo("inner, committed"));
                db.session().commit();
            }
            db.session().commit();
        }

        // The outer context's first add waits for its commit, so the inner row may take the lower id.
        assertThat(titles()).containsExactlyInAnyOrder("outer", "inner, committed");
    }

    @Test
    @Order(3)
    void aFailedStatementUndoesOnlyItself() {
        db.useTransaction(session -> session.add(new Todo("committed")));
        try (DbContext ctx = db.context()) {
            assertThatThrownBy(() -> db.session().hibernate().doWork(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("select * from no_such_table");
                }
            })).isNotNull();
        }
        db.useTransaction(session -> session.add(new Todo("after the failure")));

        assertThat(titles()).containsExactly("committed", "after the failure");
    }

    @Test
    @Order(4)
    void theLastTestSeesNothingOfTheOthers() {
        assertThat(titles()).isEmpty();
    }
}
