package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.test.models.Account;
import dev.carafe.test.models.Tag;
import dev.carafe.test.models.Todo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

import static org.assertj.core.api.Assertions.assertThat;

/** db.reset() empties the models' tables, children first, and restarts their identities. */
class ResetTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CarafeDatabases
    void resetEmptiesEveryModelTableAndRestartsIdentities(TestDatabase database) {
        try (Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Todo.class, Tag.class).build()) {
            db.dropAll();
            db.createAll();
            try {
                db.useTransaction(session -> {
                    Todo todo = session.add(new Todo("tagged"));
                    session.add(new Tag("one", todo));
                    session.add(new Tag("two", todo));
                });

                db.reset();

                assertThat(db.withContext(() -> db.query(Todo.class).count() + db.query(Tag.class).count())).isZero();
                Todo first = db.inTransaction(session -> session.add(new Todo("first after the reset")));
                Tag tag = db.inTransaction(session -> session.add(new Tag("first", session.get(Todo.class, first.id))));
                assertThat(first.id).isEqualTo(1L);
                assertThat(tag.id).isEqualTo(1L);
            } finally {
                db.dropAll();
            }
        }
    }

    @Test
    void resetSkipsTablesThatDoNotExistYet() {
        try (Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(Todo.class, Tag.class).build()) {
            db.reset();

            db.createAll();
            assertThat(db.withContext(() -> db.query(Todo.class).count())).isZero();
        }
    }

    @Test
    void resetOfOneBindLeavesTheOthers() {
        try (Carafe db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).bind("auth", TestDatabase.H2.url(dir))
                .models(Todo.class, Account.class).build()) {
            db.createAll();
            db.useTransaction(session -> {
                session.add(new Todo("kept"));
                session.add(new Account("emptied"));
            });

            db.reset("auth");

            assertThat(db.withContext(() -> db.query(Todo.class).count())).isEqualTo(1);
            assertThat(db.withContext(() -> db.query(Account.class).count())).isZero();
        }
    }
}
