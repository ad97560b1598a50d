package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.test.models.Tag;
import dev.carafe.test.models.Todo;
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

/** carafe.reset() inside an isolated test empties the tables for that test only. */
@ParameterizedClass(name = "{0}")
@CarafeDatabases
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetInsideATestTest {
    static Carafe db;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void seed(TestDatabase database) throws Exception {
        db = FreshTables.open(database, Todo.class, Tag.class);
        db.useTransaction(session -> session.add(new Tag("seeded", session.add(new Todo("seeded")))));
    }

    @AfterParameterizedClassInvocation
    static void close() {
        FreshTables.close(db);
    }

    static List<String> titles() {
        return db.withContext(() -> db.session().scalars(db.select(Todo.class)).stream().map(Todo::title).toList());
    }

    @Test
    @Order(1)
    void resetEmptiesTheTablesForThisTest() {
        carafe.reset();

        assertThat(titles()).isEmpty();
        db.useTransaction(session -> session.add(new Todo("after the reset")));
        assertThat(titles()).containsExactly("after the reset");
    }

    @Test
    @Order(2)
    void theNextTestFindsTheSeededRowsAgain() {
        assertThat(titles()).containsExactly("seeded");
    }
}
