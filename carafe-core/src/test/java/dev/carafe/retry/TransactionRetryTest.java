package dev.carafe.retry;

import dev.carafe.Carafe;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.model.Model;
import dev.carafe.session.CommitException;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.tenant.Tenancy;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions run again after a conflict: real serialization failures and deadlocks on the local
 * PostgreSQL, a connection killed before the commit, and the cases that must not run again.
 */
class TransactionRetryTest {
    private static final String RAISE_CONFLICT =
            "do $$ begin raise exception 'simulated conflict' using errcode = 'serialization_failure'; end $$";

    @TempDir
    Path dir;

    private Carafe db;
    private ExecutorService threads;

    /** A counter users bump from several requests at once. */
    @Entity
    public static class RetryCounter extends Model {
        @Id
        @GeneratedValue
        public Long id;

        public long hits;
    }

    private Carafe postgres(int retries, Object meterRegistry) {
        TestDatabase.POSTGRESQL.assumeAvailable();
        Carafe.Builder builder = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(dir))
                .models(RetryCounter.class).transactionRetries(retries);
        if (meterRegistry != null) builder.meterRegistry(meterRegistry);
        db = builder.build();
        db.dropAll();
        db.createAll();
        return db;
    }

    @AfterEach
    void finish() {
        if (threads != null) threads.shutdownNow();
        if (db != null) {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private long counter(long id) {
        return db.withContext(() -> db.session().get(RetryCounter.class, id).hits);
    }

    private long newCounter() {
        return db.inTransaction(session -> session.add(new RetryCounter())).id;
    }

    private static void serializable(Session session) {
        session.hibernate().doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level serializable");
            }
        });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other writer never arrived", e);
        }
    }

    private void runTogether(Runnable first, Runnable second) throws Exception {
        threads = Executors.newFixedThreadPool(2);
        Future<?> one = threads.submit(first);
        Future<?> two = threads.submit(second);
        one.get(60, TimeUnit.SECONDS);
        two.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aSerializationFailureUnderSerializableRunsTheTransactionAgain() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        postgres(3, registry);
        long id = newCounter();
        CyclicBarrier bothRead = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        Runnable bump = () -> {
            AtomicInteger mine = new AtomicInteger();
            db.useTransaction(session -> {
                attempts.incrementAndGet();
                serializable(session);
                RetryCounter counter = session.get(RetryCounter.class, id);
                // Both read the same value before either writes: one of them must lose.
                if (mine.incrementAndGet() == 1) await(bothRead);
                counter.hits = counter.hits + 1;
            });
        };
        runTogether(bump, bump);

        assertThat(counter(id)).isEqualTo(2);
        assertThat(attempts).hasValue(3);
        assertThat(db.transactionRetries().retried()).isEqualTo(1);
        assertThat(registry.get("carafe.transaction.retries").tag("reason", "conflict").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aDeadlockRunsTheLosingTransactionAgain() throws Exception {
        postgres(3, null);
        long first = newCounter();
        long second = newCounter();
        CyclicBarrier bothLocked = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        Runnable forward = () -> lockBoth(first, second, bothLocked, attempts);
        Runnable backward = () -> lockBoth(second, first, bothLocked, attempts);
        runTogether(forward, backward);

        assertThat(counter(first)).isEqualTo(2);
        assertThat(counter(second)).isEqualTo(2);
        assertThat(attempts).hasValue(3);
        assertThat(db.transactionRetries().retried()).isEqualTo(1);
    }

    private void lockBoth(long one, long other, CyclicBarrier bothLocked, AtomicInteger attempts) {
        AtomicInteger mine = new AtomicInteger();
        db.useTransaction(session -> {
            attempts.incrementAndGet();
            session.get(RetryCounter.class, one).hits++;
            session.flush();
            if (mine.incrementAndGet() == 1) await(bothLocked);
            session.get(RetryCounter.class, other).hits++;
            session.flush();
        });
    }

    @Test
    void aConflictEveryTimeGivesUpAfterTheConfiguredRetriesWithTheDatabasesError() {
        postgres(2, null);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> db.useTransaction(session -> {
            attempts.incrementAndGet();
            session.add(new RetryCounter());
            session.hibernate().createNativeMutationQuery(RAISE_CONFLICT).executeUpdate();
        })).satisfies(failure -> assertThat(TransactionFailure.of(failure)).isEqualTo(TransactionFailure.CONFLICT))
                .hasStackTraceContaining("simulated conflict");
        assertThat(attempts).hasValue(3);
        assertThat(db.withContext(() -> db.session().scalars(db.select(RetryCounter.class)))).isEmpty();
    }

    @Test
    void aTransactionInsideAnOuterContextIsNotRunAgain() {
        postgres(3, null);
        AtomicInteger attempts = new AtomicInteger();
        try (DbContext ignored = db.context()) {
            assertThatThrownBy(() -> db.useTransaction(session -> {
                attempts.incrementAndGet();
                session.hibernate().createNativeMutationQuery(RAISE_CONFLICT).executeUpdate();
            })).hasStackTraceContaining("simulated conflict");
        }
        assertThat(attempts).hasValue(1);
        assertThat(db.transactionRetries().retried()).isZero();
    }

    @Test
    void zeroRetriesRunsTheTransactionOnce() {
        postgres(0, null);
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> db.useTransaction(session -> {
            attempts.incrementAndGet();
            session.hibernate().createNativeMutationQuery(RAISE_CONFLICT).executeUpdate();
        })).hasStackTraceContaining("simulated conflict");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aConnectionKilledBeforeTheCommitRunsTheTransactionAgainOnANewConnection() {
        postgres(3, null);
        AtomicInteger attempts = new AtomicInteger();
        long id = db.inTransaction(session -> {
            RetryCounter counter = session.add(new RetryCounter());
            session.flush();
            if (attempts.incrementAndGet() == 1) {
                session.hibernate().createNativeQuery("select pg_terminate_backend(pg_backend_pid())", Object.class)
                        .getSingleResult();
            }
            return counter.id;
        });
        assertThat(attempts).hasValue(2);
        assertThat(db.withContext(() -> db.session().scalars(db.select(RetryCounter.class))))
                .extracting(counter -> counter.id).containsExactly(id);
    }

    @Test
    void aConnectionLostDuringTheCommitIsAmbiguousAndNotRunAgain() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        CommitException duringCommit = new CommitException("default", List.of(), new RuntimeException(lost), true);
        CommitException duringFlush = new CommitException("default", List.of(), new RuntimeException(lost), false);
        assertThat(TransactionFailure.of(duringCommit)).isEqualTo(TransactionFailure.AMBIGUOUS);
        assertThat(TransactionFailure.of(duringFlush)).isEqualTo(TransactionFailure.CONNECTION_LOST);
        assertThat(TransactionFailure.AMBIGUOUS.retryable()).isFalse();
    }

    @Test
    void aConflictAfterAnotherBindCommittedIsNotRunAgain() {
        SQLException certification = new SQLException("Deadlock found when trying to get lock; try restarting"
                + " transaction", "40001", 1213);
        assertThat(TransactionFailure.of(new RuntimeException(certification))).isEqualTo(TransactionFailure.CONFLICT);
        assertThat(TransactionFailure.of(new CommitException("auth", List.of(), new RuntimeException(certification), true)))
                .isEqualTo(TransactionFailure.CONFLICT);
        assertThat(TransactionFailure.of(new CommitException("auth", List.of("default"),
                new RuntimeException(certification), true))).isEqualTo(TransactionFailure.OTHER);
    }

    @Test
    void noConnectionWithinThePoolTimeoutIsNotRunAgain() {
        // HikariCP's timeout carries the last connection failure's SQLSTATE (class 08), yet the wait is spent.
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "carafe-default - Connection is not available, request timed out after 30000ms", "08001");
        assertThat(TransactionFailure.of(new DatabaseUnavailableException("default", "no connection became available",
                "total=10, active=10, idle=0, waiting=3", timeout))).isEqualTo(TransactionFailure.OTHER);
    }

    @Test
    void aTenantsTransactionRunsAgainAsDbInTransactionDoes() {
        db = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).models(RetryCounter.class)
                .engineOptions(EngineOptions.defaults().tenancy(Tenancy.SCHEMA)).build();
        db.tenants().create("acme");
        AtomicInteger attempts = new AtomicInteger();
        db.forTenant("acme").useTransaction(session -> {
            session.add(new RetryCounter());
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException(new SQLException("simulated conflict", "40001"));
            }
        });
        assertThat(attempts).hasValue(2);
        assertThat(db.forTenant("acme").withContext(() -> db.session().scalars(db.select(RetryCounter.class)))).hasSize(1);
        assertThat(db.transactionRetries().retried()).isEqualTo(1);
    }

    @Test
    void aNegativeRetryCountIsRefusedWithTheKey() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("jdbc:h2:mem:retries").transactionRetries(-1).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("transaction-retries");
    }
}
