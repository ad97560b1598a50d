package dev.carafe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carafe.config.CarafeConfig;
import dev.carafe.observe.ListenerRegistration;
import dev.carafe.observe.ModelChange.Operation;
import dev.carafe.observe.ModelChange;
import dev.carafe.observe.internal.ModelChangeRecorder;
import dev.carafe.session.CommitException;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Todo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.internal.EmptyInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

class TrackModificationsTest {
    private static final String TRACKING_OFF = "Modification tracking is off, so this listener would never be called."
            + " Turn it on with track-modifications=true (CARAFE_TRACK_MODIFICATIONS=true, or"
            + " Carafe.builder().trackModifications(true)).";

    @TempDir
    Path dir;

    /** What the listeners received: one list per call. */
    private final List<List<ModelChange>> before = new ArrayList<>();
    private final List<List<ModelChange>> after = new ArrayList<>();

    private Carafe open(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Todo.class).trackModifications(true).build();
        return listenedTo(db);
    }

    private Carafe listenedTo(Carafe db) {
        db.dropAll();
        db.createAll();
        db.onBeforeModelsCommitted(before::add);
        db.onModelsCommitted(after::add);
        return db;
    }

    private static void finish(Carafe db) {
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    private static ModelChange change(Object model, Operation operation) {
        return new ModelChange(model, operation);
    }

    private static long countTodos(Carafe db) {
        return db.withContext(() -> db.session().hibernate(Todo.class)
                .createSelectionQuery("select count(*) from Todo", Long.class).getSingleResult());
    }

    private void forgetSignals() {
        before.clear();
        after.clear();
    }

    // ---- TRK-03, TRK-04: what a commit sends --------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anAddSendsNothingUntilTheCommitSendsOneInsertBeforeAndAfter(TestDatabase database) {
        Carafe db = open(database);
        try (DbContext ignored = db.context()) {
            Todo todo = new Todo("Test 1");
            db.session().add(todo);
            assertThat(before).isEmpty();
            assertThat(after).isEmpty();

            db.session().commit();
            assertThat(before).containsExactly(List.of(change(todo, Operation.INSERT)));
            assertThat(after).isEqualTo(before);
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUpdateAndThenADeleteAreSentEachWithTheirOwnCommit(TestDatabase database) {
        Carafe db = open(database);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("Test 1")).id);
            forgetSignals();

            try (DbContext ignored = db.context()) {
                Todo todo = db.session().get(Todo.class, id);
                todo.title = "Test 2";
                db.session().commit();
                assertThat(before).containsExactly(List.of(change(todo, Operation.UPDATE)));
                assertThat(after).isEqualTo(before);

                forgetSignals();
                db.session().delete(todo);
                db.session().commit();
                assertThat(before).containsExactly(List.of(change(todo, Operation.DELETE)));
                assertThat(after).isEqualTo(before);
            }
            assertThat(countTodos(db)).isZero();
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void changesArriveInTheOrderTheSessionFirstSawThem(TestDatabase database) {
        Carafe db = open(database);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("existing")).id);
            forgetSignals();

            try (DbContext ignored = db.context()) {
                Todo existing = db.session().get(Todo.class, id);
                Todo first = db.session().add(new Todo("first"));
                existing.title = "changed";
                Todo second = db.session().add(new Todo("second"));
                db.session().commit();
                // The update is seen when the commit flushes, after both inserts.
                assertThat(after).containsExactly(List.of(change(first, Operation.INSERT),
                        change(second, Operation.INSERT), change(existing, Operation.UPDATE)));
                assertThat(before).isEqualTo(after);
            }
        } finally {
            finish(db);
        }
    }

    // ---- decision 9: one entry per model per commit ------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anInsertThenAnUpdateIsOneInsert(TestDatabase database) {
        Carafe db = open(database);
        try (DbContext ignored = db.context()) {
            Todo todo = db.session().add(new Todo("draft"));
            db.session().flush();
            todo.title = "final";
            db.session().commit();
            assertThat(after).containsExactly(List.of(change(todo, Operation.INSERT)));
            assertThat(before).isEqualTo(after);
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anInsertThenADeleteSendsNothing(TestDatabase database) {
        Carafe db = open(database);
        try {
            try (DbContext ignored = db.context()) {
                Todo todo = db.session().add(new Todo("short-lived"));
                db.session().flush();
                db.session().delete(todo);
                db.session().commit();
                assertThat(before).isEmpty();
                assertThat(after).isEmpty();
            }
            assertThat(countTodos(db)).isZero();
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUpdateThenADeleteIsOneDelete(TestDatabase database) {
        Carafe db = open(database);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("old")).id);
            forgetSignals();
            try (DbContext ignored = db.context()) {
                Todo todo = db.session().get(Todo.class, id);
                todo.title = "older";
                db.session().flush();
                db.session().delete(todo);
                db.session().commit();
                assertThat(after).containsExactly(List.of(change(todo, Operation.DELETE)));
                assertThat(before).isEqualTo(after);
            }
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoUpdatesAreOneUpdate(TestDatabase database) {
        Carafe db = open(database);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("v1")).id);
            forgetSignals();
            try (DbContext ignored = db.context()) {
                Todo todo = db.session().get(Todo.class, id);
                todo.title = "v2";
                db.session().flush();
                todo.title = "v3";
                db.session().commit();
                assertThat(after).containsExactly(List.of(change(todo, Operation.UPDATE)));
                assertThat(before).isEqualTo(after);
            }
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aModelRemovedAndPersistedAgainBeforeTheFlushKeepsItsRow(TestDatabase database) {
        Carafe db = open(database);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("existing")).id);
            forgetSignals();
            try (DbContext ignored = db.context()) {
                Todo existing = db.session().get(Todo.class, id);
                db.session().delete(existing);
                db.session().hibernate().persist(existing);
                Todo added = db.session().add(new Todo("added"));
                db.session().delete(added);
                db.session().hibernate().persist(added);
                db.session().commit();
                assertThat(after).containsExactly(List.of(change(added, Operation.INSERT)));
                assertThat(before).isEqualTo(after);
            }
            assertThat(countTodos(db)).isEqualTo(2);
        } finally {
            finish(db);
        }
    }

    // ---- TRK-06, TRK-07: flush, empty commit, rollback ---------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFlushAloneSendsNothing(TestDatabase database) {
        Carafe db = open(database);
        try (DbContext ignored = db.context()) {
            db.session().add(new Todo("flushed"));
            db.session().flush();
            assertThat(before).isEmpty();
            assertThat(after).isEmpty();
        } finally {
            finish(db);
        }
    }

    @Test
    void anEmptyCommitSendsNothing() {
        Carafe db = open(TestDatabase.H2);
        try (DbContext ignored = db.context()) {
            db.session().commit();
            db.session().get(Todo.class, 1L);
            db.session().commit();
            assertThat(before).isEmpty();
            assertThat(after).isEmpty();
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFlushThenARollbackThenACommitSendsNothing(TestDatabase database) {
        Carafe db = open(database);
        try {
            try (DbContext ignored = db.context()) {
                db.session().add(new Todo("rolled back"));
                db.session().flush();
                db.session().rollback();
                db.session().commit();
                assertThat(before).isEmpty();
                assertThat(after).isEmpty();
            }
            assertThat(countTodos(db)).isZero();
        } finally {
            finish(db);
        }
    }

    @Test
    void closingTheContextDiscardsWhatItDidNotCommit() {
        Carafe db = open(TestDatabase.H2);
        try {
            Session first;
            try (DbContext ignored = db.context()) {
                first = db.session();
                first.add(new Todo("abandoned"));
                first.flush();
            }
            try (DbContext ignored = db.context()) {
                Todo kept = db.session().add(new Todo("kept"));
                db.session().commit();
                assertThat(after).containsExactly(List.of(change(kept, Operation.INSERT)));
            }
            assertThat(countTodos(db)).isOne();
        } finally {
            finish(db);
        }
    }

    /** SQLite is left out: its database-wide write lock would make the second writer wait, not conflict. */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL", "MARIADB"})
    void aFailedCommitDiscardsItsChanges(TestDatabase database) {
        Carafe db = open(database);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("contested")).id);
            forgetSignals();
            try (DbContext ignored = db.context()) {
                Todo todo = db.session().get(Todo.class, id);
                todo.title = "too late";
                try (DbContext other = db.context()) {
                    other.session().delete(other.session().get(Todo.class, id));
                    other.session().commit();
                }
                forgetSignals();
                assertThatThrownBy(db.session()::commit).isInstanceOf(CommitException.class);

                Todo next = db.session().add(new Todo("next"));
                db.session().commit();
                assertThat(before).containsExactly(List.of(change(next, Operation.INSERT)));
                assertThat(after).isEqualTo(before);
            }
        } finally {
            finish(db);
        }
    }

    // ---- the test: two binds ----------------------------------------------------------

    /** The default bind runs on each database; "auth" is a SQLite file. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anInsertAnUpdateAndADeleteAcrossTwoBindsArriveOnceEachAndNothingAfterARollback(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = listenedTo(Carafe.builder()
                .databaseUrl(database.url(dir))
                .bind("auth", TestDatabase.SQLITE.url(dir))
                .models(Todo.class, Account.class)
                .trackModifications(true)
                .build());
        try {
            long[] ids = db.inTransaction(session -> new long[] {
                session.add(new Todo("old")).id, session.add(new Account("alice")).id});
            assertThat(after).singleElement().asInstanceOf(LIST).hasSize(2);
            forgetSignals();

            try (DbContext ignored = db.context()) {
                Session session = db.session();
                Todo added = session.add(new Todo("new"));
                Account renamed = session.get(Account.class, ids[1]);
                renamed.userName = "alicia";
                Todo deleted = session.get(Todo.class, ids[0]);
                session.delete(deleted);
                session.flush();
                added.title = "newer";
                renamed.userName = "alice b.";
                session.commit();

                // The update is seen at the first flush, after the insert and the delete.
                List<ModelChange> expected = List.of(change(added, Operation.INSERT), change(deleted, Operation.DELETE),
                        change(renamed, Operation.UPDATE));
                assertThat(before).containsExactly(expected);
                assertThat(after).containsExactly(expected);

                forgetSignals();
                session.add(new Todo("never"));
                session.get(Account.class, ids[1]).userName = "nobody";
                session.delete(session.get(Todo.class, added.id));
                session.flush();
                session.rollback();
                session.commit();
                assertThat(before).isEmpty();
                assertThat(after).isEmpty();
            }
            db.useContext(() -> {
                assertThat(db.session().hibernate(Todo.class).createSelectionQuery("from Todo", Todo.class)
                        .getResultList()).extracting(t -> t.title).containsExactly("newer");
                assertThat(db.session().get(Account.class, ids[1]).userName).isEqualTo("alice b.");
            });
        } finally {
            finish(db);
        }
    }

    // ---- listeners that throw, registrations ----------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBeforeListenerThatThrowsRollsBackTheCommitAndItsExceptionPropagates(TestDatabase database) {
        Carafe db = open(database);
        IllegalArgumentException veto = new IllegalArgumentException("no todos today");
        db.onBeforeModelsCommitted(changes -> {
            throw veto;
        });
        try {
            try (DbContext ignored = db.context()) {
                db.session().add(new Todo("vetoed"));
                assertThatThrownBy(db.session()::commit).isSameAs(veto);
                assertThat(before).hasSize(1);
                assertThat(after).isEmpty();

                db.session().commit();
                assertThat(before).hasSize(1);
                assertThat(after).isEmpty();
            }
            assertThat(countTodos(db)).isZero();
        } finally {
            finish(db);
        }
    }

    @Test
    void anAfterListenerThatThrowsIsLoggedAndTheOthersAreStillCalled() {
        Carafe db = open(TestDatabase.H2);
        List<List<ModelChange>> last = new ArrayList<>();
        db.onModelsCommitted(changes -> {
            throw new IllegalStateException("search index is down");
        });
        db.onModelsCommitted(last::add);
        Logger logger = (Logger) LoggerFactory.getLogger("carafe.track");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            try (DbContext ignored = db.context()) {
                Todo todo = db.session().add(new Todo("kept"));
                db.session().commit();
                assertThat(after).hasSize(1);
                assertThat(last).containsExactly(List.of(change(todo, Operation.INSERT)));
                assertThat(lines.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage,
                        event -> event.getThrowableProxy().getMessage())
                        .containsExactly(tuple(Level.ERROR, "A models-committed listener threw after the commit of 1"
                                + " change; the commit stands and the other listeners are still called.",
                                "search index is down"));
                db.session().add(new Todo("one"));
                db.session().add(new Todo("two"));
                db.session().commit();
                assertThat(lines.list).last().extracting(ILoggingEvent::getFormattedMessage).isEqualTo("A models-committed"
                        + " listener threw after the commit of 2 changes; the commit stands and the other listeners are"
                        + " still called.");
            }
            assertThat(countTodos(db)).isEqualTo(3);
        } finally {
            logger.detachAppender(lines);
            finish(db);
        }
    }

    @Test
    void whatABeforeListenerChangesIsCommittedAndReportedToTheAfterListeners() {
        Carafe db = open(TestDatabase.H2);
        List<Todo> logged = new ArrayList<>();
        db.onBeforeModelsCommitted(changes -> {
            if (logged.isEmpty()) logged.add(db.session().add(new Todo("log: " + changes.size() + " change(s)")));
        });
        try {
            try (DbContext ignored = db.context()) {
                Todo todo = db.session().add(new Todo("work"));
                db.session().commit();
                assertThat(before).containsExactly(List.of(change(todo, Operation.INSERT)));
                assertThat(after).containsExactly(List.of(change(todo, Operation.INSERT),
                        change(logged.get(0), Operation.INSERT)));
            }
            assertThat(countTodos(db)).isEqualTo(2);
        } finally {
            finish(db);
        }
    }

    @Test
    void aCommitInsideABeforeListenerIsRefused() {
        Carafe db = open(TestDatabase.H2);
        db.onBeforeModelsCommitted(changes -> db.session().commit());
        try {
            try (DbContext ignored = db.context()) {
                db.session().add(new Todo("recursive"));
                assertThatThrownBy(db.session()::commit).isInstanceOf(IllegalStateException.class)
                        .hasMessage("commit() was called from a before-models-committed listener, which runs inside"
                                + " the commit. Nothing was committed: the commit in progress was rolled back. Change"
                                + " models in the listener and let the commit in progress save them, or commit in a"
                                + " db.onModelsCommitted(...) listener instead.");
            }
            assertThat(countTodos(db)).isZero();
        } finally {
            finish(db);
        }
    }

    @Test
    void aClosedRegistrationIsNotCalledAgain() {
        Carafe db = open(TestDatabase.H2);
        List<List<ModelChange>> seen = new ArrayList<>();
        Consumer<List<ModelChange>> listener = seen::add;
        ListenerRegistration first = db.onModelsCommitted(listener);
        ListenerRegistration second = db.onModelsCommitted(listener);
        try {
            db.useTransaction(session -> session.add(new Todo("one")));
            assertThat(seen).hasSize(2);

            first.close();
            first.close();
            db.useTransaction(session -> session.add(new Todo("two")));
            assertThat(seen).hasSize(3);

            second.close();
            db.useTransaction(session -> session.add(new Todo("three")));
            assertThat(seen).hasSize(3);
            assertThat(after).hasSize(3);
        } finally {
            finish(db);
        }
    }

    @Test
    void theListenersSeeTheModelsTheSessionManages() {
        Carafe db = open(TestDatabase.H2);
        try {
            Long id = db.inTransaction(session -> session.add(new Todo("before")).id);
            Todo detached = new Todo("after");
            detached.id = id;
            forgetSignals();
            Todo managed = db.inTransaction(session -> session.add(detached));
            assertThat(managed).isNotSameAs(detached);
            assertThat(after).containsExactly(List.of(change(managed, Operation.UPDATE)));
        } finally {
            finish(db);
        }
    }

    // ---- off by default --------------------------------------------------------------------

    @Test
    void trackingIsOffByDefaultAndRegisteringAListenerSaysHowToTurnItOn() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:track-off").build();
        try {
            assertThat(db.config().trackModifications()).isFalse();
            assertThatThrownBy(() -> db.onModelsCommitted(changes -> {}))
                    .isInstanceOf(IllegalStateException.class).hasMessage(TRACKING_OFF);
            assertThatThrownBy(() -> db.onBeforeModelsCommitted(changes -> {}))
                    .isInstanceOf(IllegalStateException.class).hasMessage(TRACKING_OFF);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void withTrackingOffTheHibernateSessionsHaveNoInterceptor() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:track-off-interceptor").models(Todo.class).build();
        try (DbContext ignored = db.context()) {
            assertThat(db.session().hibernate().unwrap(SessionImplementor.class).getInterceptor())
                    .isSameAs(EmptyInterceptor.INSTANCE);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void withTrackingOnEveryBindOfASessionReportsToOneRecorder() {
        Carafe db = Carafe.fromConfig(CarafeConfig.fromMap(Map.of(
                "database-url", "jdbc:h2:mem:track-on-interceptor",
                "binds.auth.url", "jdbc:h2:mem:track-on-interceptor-auth",
                "track-modifications", "true")));
        try (DbContext ignored = db.context()) {
            Object main = db.session().hibernate().unwrap(SessionImplementor.class).getInterceptor();
            Object auth = db.session().hibernate("auth").unwrap(SessionImplementor.class).getInterceptor();
            assertThat(main).isInstanceOf(ModelChangeRecorder.class).isSameAs(auth);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
