package dev.carafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carafe.session.IntegrityException;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.zoo.Payments.CardPayment;
import dev.carafe.testmodels.zoo.Payments.Payment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A context whose only write is one new row commits it in one round trip, as an autocommit INSERT
 * (the JDBC way), and anything more still runs in one transaction. Round trips are counted on
 * PostgreSQL from its driver's protocol log: one Sync message per round trip.
 */
class LoneInsertTest {
    @Entity
    public static class Member {
        @Id @GeneratedValue
        public Long id;

        @Column(unique = true)
        public String username;

        protected Member() {}

        public Member(String username) {
            this.username = username;
        }
    }

    @TempDir
    Path dir;

    private Carafe db;

    private Carafe open(TestDatabase database) {
        database.assumeAvailable();
        db = Carafe.builder().databaseUrl(database.url(dir)).models(Member.class, Payment.class, CardPayment.class).build();
        db.dropAll();
        db.createAll();
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) LeakCheck.dropAllAndClose(db);
    }

    @Test
    void oneNewRowIsOneRoundTripOnPostgresql() {
        open(TestDatabase.POSTGRESQL);
        db.useContext(() -> {
            db.session().add(new Member("warm-up"));
            db.session().commit();
        });
        ProtocolLog log = ProtocolLog.during(() -> db.useContext(() -> {
            Member ada = db.session().add(new Member("ada"));
            db.session().commit();
            assertThat(ada.id).isNotNull();
        }));
        assertThat(log.roundTrips()).isEqualTo(1);
        assertThat(log.began()).isFalse();
        assertThat(usernames()).containsExactly("warm-up", "ada");
    }

    @Test
    void twoRowsOrATwoTableModelStillRunInOneTransaction() {
        open(TestDatabase.POSTGRESQL);
        ProtocolLog two = ProtocolLog.during(() -> db.useContext(() -> {
            db.session().add(new Member("ada"));
            db.session().add(new Member("grace"));
            db.session().commit();
        }));
        assertThat(two.began()).isTrue();
        ProtocolLog joined = ProtocolLog.during(() -> db.useContext(() -> {
            db.session().add(new CardPayment(new BigDecimal("9.99"), "4242"));
            db.session().commit();
        }));
        assertThat(joined.began()).isTrue();
        assertThat(usernames()).containsExactly("ada", "grace");
        assertThat(db.withContext(() -> db.query(CardPayment.class).one().lastDigits)).isEqualTo("4242");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE", "POSTGRESQL", "MARIADB"})
    void aHeldBackRowIsSeenByQueriesAndWrittenOnlyByTheCommit(TestDatabase database) {
        open(database);
        db.useContext(() -> {
            db.session().add(new Member("ada"));
            assertThat(db.query(Member.class).filterBy("username", "ada").one().id).isNotNull();
            // Never committed: closing the context rolls the row back.
        });
        db.useContext(() -> db.session().add(new Member("grace")));
        assertThat(usernames()).isEmpty();
        Long id = db.inTransaction(session -> session.add(new Member("linus")).id);
        assertThat(id).as("a transaction block inserts at once, so it can read the new id").isNotNull();
        assertThat(usernames()).containsExactly("linus");
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE", "POSTGRESQL", "MARIADB"})
    void aLoneInsertThatBreaksAConstraintIsAnIntegrityErrorAtTheCommit(TestDatabase database) {
        open(database);
        db.inTransaction(session -> session.add(new Member("ada")));
        db.useContext(() -> {
            db.session().add(new Member("ada"));
            assertThatThrownBy(() -> db.session().commit()).isInstanceOf(IntegrityException.class);
            db.session().add(new Member("grace"));
            db.session().commit();
        });
        assertThat(usernames()).containsExactly("ada", "grace");
    }

    private List<String> usernames() {
        return db.withContext(() -> db.query(Member.class).orderBy("id").all().stream().map(m -> m.username).toList());
    }

    /** PostgreSQL's driver logs each protocol message at FINEST; a Sync ends a round trip. */
    private record ProtocolLog(List<String> messages) {
        static ProtocolLog during(Runnable work) {
            List<String> messages = new CopyOnWriteArrayList<>();
            Logger driver = Logger.getLogger("org.postgresql");
            Level level = driver.getLevel();
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord entry) {
                    String message = entry.getMessage();
                    if (message == null || !message.contains("FE=>")) return;
                    Object[] parameters = entry.getParameters();
                    messages.add(message + (parameters == null || parameters.length == 0 ? "" : " " + parameters[0]));
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            driver.setLevel(Level.FINEST);
            driver.addHandler(handler);
            try {
                work.run();
            } finally {
                driver.removeHandler(handler);
                driver.setLevel(level);
            }
            return new ProtocolLog(messages);
        }

        long roundTrips() {
            return messages.stream().filter(m -> m.contains("FE=> Sync")).count();
        }

        boolean began() {
            return messages.stream().anyMatch(m -> m.contains("BEGIN"));
        }
    }
}
