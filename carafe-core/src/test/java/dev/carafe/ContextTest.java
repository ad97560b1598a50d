package dev.carafe;

import dev.carafe.bind.Engine;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextTest {
    @TempDir
    Path dir;

    private Carafe open(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Todo.class).build();
        db.dropAll();
        db.createAll();
        return db;
    }

    private static long countTodos(Carafe db) {
        return db.withContext(() -> db.session().hibernate(Todo.class)
                .createSelectionQuery("select count(*) from Todo", Long.class).getSingleResult());
    }

    private static void finish(Carafe db) {
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void theSessionOutsideAContextSaysHowToOpenOne() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:outside").build();
        try {
            assertThatThrownBy(db::session).isInstanceOf(IllegalStateException.class)
                    .hasMessage("Working outside of application context.\n\nThis typically means that you used the"
                            + " database outside a request or a job. Open a context with"
                            + " try (DbContext ctx = db.context()) { ... }, or wrap the work in"
                            + " db.useContext(() -> ...) or db.inTransaction(session -> ...).");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void oneContextHasOneSessionAndTheNextContextAnother() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:scope").build();
        try {
            Session first;
            try (DbContext context = db.context()) {
                first = db.session();
                assertThat(db.session()).isSameAs(first).isSameAs(context.session());
                assertThat(db.currentContext()).isSameAs(context);
            }
            try (DbContext ignored = db.context()) {
                assertThat(db.session()).isNotSameAs(first);
            }
            assertThat(db.hasContext()).isFalse();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aNestedContextHasItsOwnSessionAndTheOuterOneIsRestored() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:nested").build();
        try (DbContext outer = db.context()) {
            Session outerSession = db.session();
            try (DbContext inner = db.context()) {
                assertThat(db.currentContext()).isSameAs(inner);
                assertThat(db.session()).isNotSameAs(outerSession);
            }
            assertThat(db.currentContext()).isSameAs(outer);
            assertThat(db.session()).isSameAs(outerSession);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aClosedContextRefusesItsSession() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:closed").build();
        try {
            DbContext context = db.context();
            context.close();
            context.close();
            assertThat(context.isOpen()).isFalse();
            assertThatThrownBy(context::session).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("This Carafe context is closed.");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aSessionKeptAfterItsContextClosedRefusesToWork() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:kept").models(Todo.class).build();
        try {
            db.createAll();
            Session kept;
            try (DbContext ignored = db.context()) {
                kept = db.session();
            }
            assertThatThrownBy(() -> kept.add(new Todo("late"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("This session belongs to a closed Carafe context.");
            assertThat(db.engine().activeConnections()).isZero();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aContextThatNeverTouchesTheDatabaseTakesNoConnection(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Todo.class).build();
        try {
            try (DbContext context = db.context()) {
                db.session();
                assertThat(context.touchedDatabase()).isFalse();
            }
            assertThat(db.engine().totalConnections()).isZero();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void closingAContextRollsBackWhatWasNotCommitted(TestDatabase database) {
        Carafe db = open(database);
        try {
            try (DbContext ignored = db.context()) {
                db.session().add(new Todo("kept"));
                db.session().commit();
                db.session().add(new Todo("dropped"));
                db.session().flush();
            }
            assertThat(countTodos(db)).isEqualTo(1);
            assertThat(db.engine().activeConnections()).isZero();
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSessionKeepsWorkingAfterACommitAndARollback(TestDatabase database) {
        Carafe db = open(database);
        try {
            db.useContext(() -> {
                Session session = db.session();
                Todo todo = session.add(new Todo("first"));
                session.commit();
                todo.title = "renamed";
                session.commit();
                session.add(new Todo("rolled back"));
                session.rollback();
                Todo loaded = session.get(Todo.class, todo.id);
                assertThat(loaded.title).isEqualTo("renamed");
                assertThat(session.get(Todo.class, String.valueOf(todo.id)).id).isEqualTo(todo.id);
                assertThat(session.get(Todo.class, 999_999)).isNull();
                session.delete(loaded);
                session.commit();
            });
            assertThat(countTodos(db)).isZero();
        } finally {
            finish(db);
        }
    }

    @Test
    void anIdOfTheWrongTypeIsAClearError() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:wrong-id").models(Todo.class).build();
        try {
            db.createAll();
            db.useContext(() -> assertThatThrownBy(() -> db.session().get(Todo.class, "abc"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'abc' is not a valid id for Todo: its id is a whole number."));
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aClassThatIsNotAModelIsAClearError() {
        Carafe db = Carafe.builder().databaseUrl("jdbc:h2:mem:not-a-model").models(Todo.class).build();
        try {
            db.useContext(() -> assertThatThrownBy(() -> db.session().add("text"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'java.lang.String' is not a model of this Carafe instance. Register it with"
                            + " Carafe.builder().models(...) or .scan(...); registered models: [Todo]."));
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void transactionsCommitOnSuccessAndRollBackOnException(TestDatabase database) {
        Carafe db = open(database);
        try {
            long id = db.inTransaction(session -> session.add(new Todo("committed")).id);
            assertThatThrownBy(() -> db.useTransaction(session -> {
                session.add(new Todo("rolled back"));
                session.flush();
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(countTodos(db)).isEqualTo(1);
            assertThat(db.withContext(() -> db.session().get(Todo.class, id).title)).isEqualTo("committed");
        } finally {
            finish(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void manyThreadsCommitOrFailAndExactlyTheCommittedRowsExist(TestDatabase database) throws Exception {
        Carafe db = open(database);
        int threads = 32;
        int contextsPerThread = 100;
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < contextsPerThread; i++) {
                        boolean commit = (thread * contextsPerThread + i) % 3 != 0;
                        try (DbContext ignored = db.context()) {
                            db.session().add(new Todo(commit ? "commit" : "fail"));
                            db.session().flush();
                            if (!commit) throw new IllegalStateException("handler failed");
                            db.session().commit();
                            committed.incrementAndGet();
                        } catch (IllegalStateException expected) {
                            // The context closed and rolled back.
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) future.get();
            long expected = java.util.stream.IntStream.range(0, threads * contextsPerThread).filter(n -> n % 3 != 0).count();
            assertThat(committed.get()).isEqualTo(expected);
            assertThat(countTodos(db)).isEqualTo(expected);
            long failedRows = db.withContext(() -> db.session().hibernate(Todo.class)
                    .createSelectionQuery("select count(*) from Todo where title = 'fail'", Long.class).getSingleResult());
            assertThat(failedRows).isZero();
            for (Engine engine : db.engines().values()) assertThat(engine.activeConnections()).isZero();
        } finally {
            pool.shutdownNow();
            finish(db);
        }
    }
}
