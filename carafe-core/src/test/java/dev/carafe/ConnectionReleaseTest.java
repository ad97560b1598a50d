package dev.carafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.pagination.PageRequest;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Outside a transaction, a context gives its connection back to the pool after each read (Hibernate
 * ends an operation outside a transaction so) and after a lone insert's commit (Carafe's
 * {@code LoneInsert}), as hand-written JDBC does, instead of holding it until the context ends, the
 * response's rendering included. Once a transaction has written, and after a stream, the connection
 * stays.
 */
class ConnectionReleaseTest {
    @Entity
    public static class Note {
        @Id @GeneratedValue
        public Long id;

        public String text;

        protected Note() {}

        public Note(String text) {
            this.text = text;
        }
    }

    @TempDir
    Path dir;

    private Carafe db;

    private void open(TestDatabase database) {
        database.assumeAvailable();
        db = Carafe.builder().databaseUrl(database.url(dir)).models(Note.class).build();
        db.dropAll();
        db.createAll();
        db.useTransaction(session -> {
            for (int i = 1; i <= 3; i++) session.add(new Note("note " + i));
        });
    }

    @AfterEach
    void close() {
        if (db != null) LeakCheck.dropAllAndClose(db);
    }

    private int held() {
        return db.engine().activeConnections();
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE", "POSTGRESQL", "MARIADB"})
    void readsInAutocommitGiveTheConnectionBackAfterEachStatement(TestDatabase database) {
        open(database);
        db.useContext(() -> {
            Note first = db.getOr404(Note.class, 1);
            assertThat(held()).as("after a get").isZero();
            assertThat(db.session().execute(db.select(Note.class).orderBy("id")).all()).hasSize(3);
            assertThat(held()).as("after a select").isZero();
            assertThat(db.paginate(db.select(Note.class).orderBy("id"), PageRequest.of(1, 2)).total()).isEqualTo(3);
            assertThat(held()).as("after a page and its count").isZero();
            // The models read stay managed by the context: a change to one is still saved.
            first.text = "changed";
            db.session().commit();
            assertThat(held()).as("after the commit").isZero();
        });
        assertThat(db.withContext(() -> db.getOr404(Note.class, 1).text)).isEqualTo("changed");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE", "POSTGRESQL", "MARIADB"})
    void aLoneInsertGivesItsConnectionBackAtItsCommit(TestDatabase database) {
        open(database);
        db.useContext(() -> {
            Note note = db.session().add(new Note("new"));
            db.session().commit();
            assertThat(held()).isZero();
            assertThat(note.id).isNotNull();
            assertThat(db.getOr404(Note.class, note.id).text).isEqualTo("new");
        });
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void aTransactionAndAnOpenStreamKeepTheirConnection(TestDatabase database) {
        open(database);
        db.useTransaction(session -> {
            session.add(new Note("fourth"));
            session.flush();
            db.getOr404(Note.class, 1);
            assertThat(held()).as("once a transaction has written").isEqualTo(1);
        });
        db.useContext(() -> {
            db.session().add(new Note("pending"));
            List<Note> all = db.session().execute(db.select(Note.class)).all();
            assertThat(all).as("the query wrote the pending row first").hasSize(5);
            assertThat(held()).as("after a write began the transaction").isEqualTo(1);
        });
        db.useContext(() -> {
            try (Stream<Note> notes = db.session().execute(db.select(Note.class).orderBy("id")).stream()) {
                assertThat(notes.findFirst()).isPresent();
                assertThat(held()).as("while a stream is open").isEqualTo(1);
            }
        });
        assertThat(held()).as("after the contexts").isZero();
        assertThat(db.withContext(() -> db.count(db.select(Note.class)))).isEqualTo(4);
    }
}
