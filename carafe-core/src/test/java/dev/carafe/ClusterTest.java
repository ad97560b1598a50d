package dev.carafe;

import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.config.ConfigException;
import dev.carafe.model.Model;
import dev.carafe.session.Session;
import dev.carafe.testing.GaleraCluster;
import dev.carafe.testing.LeakCheck;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Binds on a MariaDB Galera cluster: multi-host URLs kept whole and masked, and writers that
 * conflict on two nodes run again until the rows are right (on the cluster of .ci/topology/galera).
 */
class ClusterTest {
    private final List<Carafe> instances = new ArrayList<>();
    private ExecutorService threads;

    /** A stock level that several nodes update at once. */
    @Entity
    public static class ClusterStock extends Model {
        @Id
        @GeneratedValue
        public Long id;

        public long sold;
    }

    @AfterEach
    void finish() {
        if (threads != null) threads.shutdownNow();
        try {
            if (!instances.isEmpty()) instances.get(0).dropAll();
        } finally {
            instances.forEach(LeakCheck::closeChecked);
        }
    }

    private static DatabaseUrl parse(String url) {
        return DatabaseUrl.parse("database-url", url, Path.of("instance"));
    }

    private Carafe on(String url, int retries) {
        Carafe db = Carafe.builder().databaseUrl(url).models(ClusterStock.class).transactionRetries(retries).build();
        instances.add(db);
        return db;
    }

    // ---- URLs -----------------------------------------------------------------------------------

    @Test
    void aConnectorJMultiHostUrlIsKeptWholeWithItsPasswordTakenOutAndMasked() {
        DatabaseUrl url = parse("jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/shop"
                + "?user=app&password=s3cret&galeraAllowedState=4");
        assertThat(url.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/shop"
                + "?galeraAllowedState=4");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cret");
        assertThat(url.displayUrl()).isEqualTo("jdbc:mariadb:sequential://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/shop"
                + "?user=app&password=***&galeraAllowedState=4");
        assertThat(parse("jdbc:mariadb:load-balance://db1,db2/shop").jdbcUrl())
                .isEqualTo("jdbc:mariadb:load-balance://db1,db2/shop");
    }

    @Test
    void aSqlalchemyStyleUrlWithSeveralHostsBecomesASequentialMariadbUrl() {
        DatabaseUrl url = parse("mariadb://app:s3cret@db1:3311,db2:3312,db3/shop?galeraAllowedState=4");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb:sequential://db1:3311,db2:3312,db3/shop?galeraAllowedState=4");
        assertThat(url.password()).isEqualTo("s3cret");
        assertThat(url.displayUrl()).isEqualTo("mariadb://app:***@db1:3311,db2:3312,db3/shop?galeraAllowedState=4");
        assertThat(parse("postgresql://app@pg1:5432,pg2:5433/shop?targetServerType=primary").jdbcUrl())
                .isEqualTo("jdbc:postgresql://pg1:5432,pg2:5433/shop?targetServerType=primary");
    }

    @Test
    void aHostListWithAnEmptyHostOrABadPortIsRefusedWithTheFix() {
        assertThatThrownBy(() -> parse("mariadb://app:s3cret@db1:3311,,db3/shop"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'mariadb://app:***@db1:3311,,db3/shop': its host"
                        + " list 'db1:3311,,db3' has an empty host or a port that is not a number; write"
                        + " host1:port1,host2:port2. Examples: postgresql://user:password@localhost:5432/app,"
                        + " sqlite:///app.db, jdbc:h2:mem:app.");
        assertThatThrownBy(() -> parse("mariadb://db1:3311,db2:x/shop")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("its host list 'db1:3311,db2:x'");
    }

    // ---- the cluster ----------------------------------------------------------------------------

    private void await(CyclicBarrier barrier) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the writer on the other node never arrived", e);
        }
    }

    /**
     * Reads the row inside the transaction, locked: a plain get() reads before the transaction
     * begins, and its value may be stale by the time the update is written.
     */
    private static ClusterStock forUpdate(Session session, long id) {
        return session.hibernate(ClusterStock.class).find(ClusterStock.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    private long newStock(Carafe db) {
        db.dropAll();
        db.createAll();
        return db.inTransaction(session -> session.add(new ClusterStock())).id;
    }

    @Test
    void twoWritersUpdatingOneRowOnTwoNodesAreRetriedAndBothCount() throws Exception {
        GaleraCluster.assumeRunning();
        Carafe node1 = on(GaleraCluster.nodeUrl(1), 3);
        Carafe node2 = on(GaleraCluster.nodeUrl(2), 3);
        long id = newStock(node1);
        // Galera's reads are not causal by default: a causal read on node 2 waits until it has applied the new row,
        // so its writer finds the row instead of failing (which left the writer on node 1 waiting at the barrier).
        assertThat(GaleraCluster.count(2, "select count(*) from cluster_stock where id = " + id)).isEqualTo(1);
        CyclicBarrier bothWrote = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        threads = Executors.newFixedThreadPool(2);
        List<Future<?>> writers = new ArrayList<>();
        for (Carafe db : List.of(node1, node2)) {
            writers.add(threads.submit(() -> {
                AtomicInteger mine = new AtomicInteger();
                db.useTransaction(session -> {
                    attempts.incrementAndGet();
                    forUpdate(session, id).sold++;
                    session.flush();
                    // Each node holds its own lock on the row; the first commit wins cluster-wide.
                    if (mine.incrementAndGet() == 1) await(bothWrote);
                });
            }));
        }
        for (Future<?> writer : writers) writer.get(120, TimeUnit.SECONDS);

        assertThat(GaleraCluster.count(3, "select sold from cluster_stock where id = " + id)).isEqualTo(2);
        assertThat(attempts).hasValue(3);
        assertThat(node1.transactionRetries().retried() + node2.transactionRetries().retried()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "load-balance"})
    void concurrentWritersOfOneRowEndWithEveryIncrement(String mode) throws Exception {
        GaleraCluster.assumeRunning();
        Carafe db = on(GaleraCluster.url(mode), 50);
        long id = newStock(db);
        int writers = 6;
        int increments = 20;
        threads = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            running.add(threads.submit(() -> {
                for (int i = 0; i < increments; i++) {
                    db.useTransaction(session -> forUpdate(session, id).sold++);
                }
            }));
        }
        for (Future<?> writer : running) writer.get(300, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(GaleraCluster.count(2, "select sold from cluster_stock where id = " + id)).isEqualTo(writers * increments);
        System.out.printf("[figures] %s over 3 nodes, %d writers x %d increments of one row: %d retries, %d ms%n",
                mode, writers, increments, db.transactionRetries().retried(), millis);
    }
}
