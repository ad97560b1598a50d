package dev.carafe.javalin.reliability;

import dev.carafe.Carafe;
import dev.carafe.web.ErrorResponse;
import dev.carafe.session.CommitException;
import dev.carafe.session.IntegrityException;
import dev.carafe.session.DbContext;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Todo;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The second bind's commit fails after the first bind committed: the exception names the failing
 * bind and the committed one, the first bind keeps its row, the second has none, and the context
 * still closes cleanly. Commit order is first-use order: here MariaDB ("default") before
 * PostgreSQL ("auth").
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommitFailureTest {
    private Carafe db;

    @BeforeEach
    void start() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        TestDatabase.MARIADB.assumeAvailable();
        db = Carafe.builder()
                .databaseUrl(TestDatabase.MARIADB.url(null))
                .bind("auth", TestDatabase.POSTGRESQL.url(null))
                .models(Todo.class, Account.class).build();
        db.dropAll();
        db.createAll();
    }

    @AfterEach
    void stop() {
        if (db != null) {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @Test
    void aConstraintThatFailsAtCommitOnTheSecondBindLeavesTheFirstBindCommitted() throws Exception {
        TestDatabase.POSTGRESQL.execute(
                "alter table account add constraint account_user_name_unique unique (user_name) deferrable initially deferred",
                "insert into account (user_name) values ('taken')");
        CommitException failure;
        try (DbContext ignored = db.context()) {
            db.session().add(new Todo("written before the failure"));
            db.session().add(new Account("taken"));
            failure = catchThrowableOfType(CommitException.class, () -> db.session().commit());
        }
        assertThat(failure).isNotNull();
        assertThat(failure.bindKey()).isEqualTo("auth");
        assertThat(failure.committedBinds()).containsExactly("default");
        assertThat(failure.getMessage()).startsWith("Commit failed on bind 'auth': ")
                .endsWith("Bind 'default' was already committed; the others were rolled back.");
        // The refused write is named, and answered as a conflict: no 503 that would tell the client to retry.
        assertThat(failure.getCause()).isInstanceOf(IntegrityException.class);
        assertThat(((IntegrityException) failure.getCause()).constraint()).isEqualTo("account_user_name_unique");
        assertThat(((IntegrityException) failure.getCause()).bindKey()).isEqualTo("auth");
        assertThat(ErrorResponse.of(failure).status()).isEqualTo(409);
        assertThat(FailingHandlersTest.column(TestDatabase.MARIADB, "select title from todo"))
                .containsExactly("written before the failure");
        assertThat(FailingHandlersTest.column(TestDatabase.POSTGRESQL, "select user_name from account"))
                .containsExactly("taken");
        assertThat(rowCount("select count(*) from account")).isEqualTo(1);
    }

    @Test
    void aConnectionKilledBetweenFlushAndCommitOnTheSecondBindGivesA503AndLeavesTheFirstBindCommitted() throws Exception {
        CommitException failure;
        try (DbContext ignored = db.context()) {
            db.session().add(new Todo("written before the kill"));
            db.session().add(new Account("lost with the connection"));
            db.session().flush();
            int backend = db.session().hibernate("auth").doReturningWork(connection -> {
                try (var statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            TestDatabase.POSTGRESQL.execute("select pg_terminate_backend(" + backend + ", 5000)");
            failure = catchThrowableOfType(CommitException.class, () -> db.session().commit());
        }
        assertThat(failure).isNotNull();
        assertThat(failure.bindKey()).isEqualTo("auth");
        assertThat(failure.committedBinds()).containsExactly("default");
        ErrorResponse page = ErrorResponse.of(failure);
        assertThat(page).isNotNull();
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.description()).isEqualTo("The connection to the database was lost. Try again shortly.");
        assertThat(FailingHandlersTest.column(TestDatabase.MARIADB, "select title from todo"))
                .containsExactly("written before the kill");
        assertThat(rowCount("select count(*) from account")).isZero();
        // The pool replaced the killed connection: the bind works again.
        assertThat(db.withContext(() -> db.query(Account.class).count())).isZero();
    }

    private static long rowCount(String sql) throws Exception {
        return Long.parseLong(FailingHandlersTest.column(TestDatabase.POSTGRESQL, sql).iterator().next());
    }
}
