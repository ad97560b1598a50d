package dev.carafe;

import dev.carafe.config.CarafeConfig;
import dev.carafe.config.EngineOptions;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.replica.ReplicaReads;
import dev.carafe.session.DbContext;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PgReplicaTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.hibernate.annotations.Formula;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read replicas on a real PostgreSQL primary (5442) and streaming hot standby (5443): where reads
 * go, read-your-writes within a context and across contexts with a token, lag and failures. Each
 * note says which server read it ({@code inet_server_port()} in the same statement), so the tests
 * check on the standby itself where a read ran.
 */
class ReplicasTest {
    private static final int PRIMARY = 5442;
    private static final int STANDBY = 5443;

    @TempDir
    Path dir;

    private Carafe db;
    private boolean paused;

    /** A note, with the port of the server that read it. */
    @Entity
    public static class ReplicaNote {
        @Id
        @GeneratedValue
        public Long id;
        public String text;
        @Formula("inet_server_port()")
        public Integer servedBy;
    }

    private Carafe open(Consumer<EngineOptions[]> options) {
        PgReplicaTopology.assumeRunning();
        EngineOptions[] engine = {EngineOptions.defaults().replicaUrls(List.of(PgReplicaTopology.STANDBY_URL))};
        options.accept(engine);
        db = Carafe.builder().databaseUrl(PgReplicaTopology.PRIMARY_URL).engineOptions(engine[0]).recordQueries(true)
                .instancePath(dir).models(ReplicaNote.class).build();
        db.dropAll();
        db.createAll();
        PgReplicaTopology.awaitStandbyCaughtUp();
        return db;
    }

    private Carafe open() {
        return open(engine -> { });
    }

    @AfterEach
    void close() {
        if (paused) PgReplicaTopology.resumeReplay();
        if (db == null) return;
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    private long addNote(String text) {
        return db.inTransaction(session -> {
            ReplicaNote note = new ReplicaNote();
            note.text = text;
            session.add(note);
            session.flush();
            return note.id;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void pauseReplay() {
        PgReplicaTopology.pauseReplay();
        paused = true;
    }

    @Test
    void aContextReadsFromTheStandbyUntilItWritesThenFromThePrimary() {
        open();
        long id = addNote("first");
        PgReplicaTopology.awaitStandbyCaughtUp();
        try (DbContext context = db.context()) {
            assertThat(db.session().get(ReplicaNote.class, id).servedBy).isEqualTo(STANDBY);
            assertThat(db.session().execute(db.select(ReplicaNote.class)).all()).extracting(note -> note.servedBy)
                    .containsOnly(STANDBY);
            ReplicaNote second = new ReplicaNote();
            second.text = "second";
            db.session().add(second);
            db.session().commit();
            db.session().expunge(second);
            assertThat(db.session().get(ReplicaNote.class, second.id).servedBy).isEqualTo(PRIMARY);
            // The first note stays the one the context loaded; the query that found both ran on the primary.
            assertThat(db.session().execute(db.select(ReplicaNote.class)).all()).hasSize(2);
            List<String> nodes = context.recordedQueries().stream().map(RecordedQuery::node).toList();
            assertThat(nodes.get(0)).isEqualTo(PgReplicaTopology.STANDBY_NODE);
            assertThat(nodes.get(nodes.size() - 1)).isEqualTo("primary");
        }
    }

    @Test
    void withReplayPausedAWriterReadsItsRowsAndOthersMayReadTheStaleStandby() {
        open();
        long before = addNote("before");
        PgReplicaTopology.awaitStandbyCaughtUp();
        pauseReplay();
        List<String> tokens = new ArrayList<>();
        long written;
        try (DbContext writer = db.requestContexts().open(name -> null)) {
            try (DbContext.Binding bound = writer.bind()) {
                db.replicaReads().onWrite(writer, tokens::add);
                assertThat(db.session().get(ReplicaNote.class, before).servedBy).isEqualTo(STANDBY);
                ReplicaNote note = new ReplicaNote();
                note.text = "written while replay is paused";
                db.session().add(note);
                db.session().commit();
                written = note.id;
                db.session().expunge(note);
                assertThat(db.session().get(ReplicaNote.class, written).servedBy).isEqualTo(PRIMARY);
            }
        }
        assertThat(tokens).hasSize(1);
        // Another client, without the token, reads the standby, which has not replayed the row yet.
        db.useContext(() -> {
            assertThat(db.session().get(ReplicaNote.class, written)).isNull();
            assertThat(db.session().get(ReplicaNote.class, before).servedBy).isEqualTo(STANDBY);
        });
        // The writer's next request, with its token, reads from the primary and sees the row.
        try (DbContext next = db.requestContexts().open(name -> null); DbContext.Binding bound = next.bind()) {
            db.replicaReads().require(next, tokens.get(0));
            assertThat(db.session().get(ReplicaNote.class, written).servedBy).isEqualTo(PRIMARY);
        }
        PgReplicaTopology.resumeReplay();
        paused = false;
        PgReplicaTopology.awaitStandbyCaughtUp();
        // Once the standby has replayed the position, the same token reads from it again.
        try (DbContext later = db.requestContexts().open(name -> null); DbContext.Binding bound = later.bind()) {
            db.replicaReads().require(later, tokens.get(0));
            assertThat(db.session().get(ReplicaNote.class, written).servedBy).isEqualTo(STANDBY);
        }
    }

    @Test
    void aTamperedTokenIsNoErrorAndSendsReadsToThePrimary() {
        open();
        long id = addNote("note");
        PgReplicaTopology.awaitStandbyCaughtUp();
        String[] token = new String[1];
        db.useContext(() -> {
            db.replicaReads().onWrite(db.currentContext(), value -> token[0] = value);
            addNote("another");
        });
        assertThat(token[0]).isNotNull();
        // The payload says which bind and position: one letter changed there is a position nobody signed.
        String tampered = (token[0].charAt(0) == 'Z' ? "Y" : "Z") + token[0].substring(1);
        for (String bad : List.of(tampered, "not-a-token", "", "a.b.c", token[0] + "x")) {
            try (DbContext context = db.context()) {
                db.replicaReads().require(context, bad);
                assertThat(db.session().get(ReplicaNote.class, id).servedBy).as(bad).isEqualTo(PRIMARY);
            }
        }
    }

    @Test
    void aReplicaFurtherBehindThanTheBoundIsSkipped() {
        open(engine -> engine[0] = engine[0].replicaMaxLag(Duration.ZERO));
        long id = addNote("note");
        PgReplicaTopology.awaitStandbyCaughtUp();
        db.useContext(() -> assertThat(db.session().get(ReplicaNote.class, id).servedBy).isEqualTo(STANDBY));
        pauseReplay();
        addNote("not replayed");
        // The standby has received the commit but not replayed it: it is behind.
        for (int attempt = 0; attempt < 200 && !"t".equals(PgReplicaTopology.queryStandby(
                "select pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()")); attempt++) {
            sleep(50);
        }
        db.useContext(() -> assertThat(db.session().get(ReplicaNote.class, id).servedBy).isEqualTo(PRIMARY));
    }

    @Test
    void withEveryReplicaDownReadsGoToThePrimary() {
        open(engine -> engine[0] = engine[0].replicaUrls(List.of("postgresql://postgres@127.0.0.1:5449/carafe_test",
                "postgresql://postgres@127.0.0.1:5450/carafe_test")));
        long id = addNote("note");
        for (int request = 0; request < 5; request++) {
            db.useContext(() -> assertThat(db.session().get(ReplicaNote.class, id).servedBy).isEqualTo(PRIMARY));
        }
    }

    @Test
    void aStandbyStoppedUnderLoadCostsNoError() throws Exception {
        open();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) ids.add(addNote("note " + i));
        PgReplicaTopology.awaitStandbyCaughtUp();
        int threads = 4;
        int readsPerThread = 150;
        AtomicInteger reads = new AtomicInteger();
        Map<Integer, AtomicInteger> byServer = Map.of(PRIMARY, new AtomicInteger(), STANDBY, new AtomicInteger());
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch halfway = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < readsPerThread; i++) {
                        long id = ids.get(i % ids.size());
                        try {
                            db.useContext(() -> {
                                ReplicaNote note = db.session().get(ReplicaNote.class, id);
                                assertThat(note.text).startsWith("note ");
                                List<ReplicaNote> all = db.session().execute(db.select(ReplicaNote.class)).all();
                                assertThat(all).hasSize(ids.size());
                                byServer.get(all.get(0).servedBy).incrementAndGet();
                            });
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                        if (reads.incrementAndGet() == threads * readsPerThread / 3) halfway.countDown();
                    }
                }));
            }
            assertThat(halfway.await(120, TimeUnit.SECONDS)).isTrue();
            PgReplicaTopology.stopStandby();
            for (Future<?> future : done) future.get(300, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            PgReplicaTopology.startStandby();
        }
        assertThat(errors).isEmpty();
        assertThat(byServer.get(STANDBY).get()).isPositive();
        assertThat(byServer.get(PRIMARY).get()).isPositive();
        System.out.printf("Replica stopped under load: %d reads, %d on the standby, %d on the primary, 0 errors%n",
                reads.get(), byServer.get(STANDBY).get(), byServer.get(PRIMARY).get());
    }

    @Test
    void replicaUrlsComeFromTheEnvironmentForTheDefaultBindAndForOthers() {
        CarafeConfig config = CarafeConfig.load(dir, Map.of("CARAFE_DATABASE_URL", "postgresql://app@db/app",
                "CARAFE_REPLICA_URLS", "postgresql://app@replica1/app, postgresql://app@replica2/app",
                "CARAFE_REPLICA_MAX_LAG", "2.5",
                "CARAFE_BINDS_AUTH_URL", "postgresql://app@auth/auth",
                "CARAFE_BINDS_AUTH_REPLICA_URLS", "postgresql://app:secret@auth-replica/auth"));
        EngineOptions main = config.resolvedEngines().get("default");
        assertThat(main.replicaUrls()).containsExactly("postgresql://app@replica1/app", "postgresql://app@replica2/app");
        assertThat(main.replicaMaxLag()).isEqualTo(Duration.ofMillis(2500));
        EngineOptions auth = config.resolvedEngines().get("auth");
        assertThat(auth.replicaUrls()).containsExactly("postgresql://app:secret@auth-replica/auth");
        assertThat(auth.replicaMaxLag()).isNull();
        assertThat(auth.toString()).doesNotContain("secret");
        assertThat(EngineOptions.defaults().replicaUrls()).isEmpty();
        assertThat(EngineOptions.fromMap("binds.auth", Map.of("replica_urls", List.of("postgresql://r/a")))
                .replicaUrls()).containsExactly("postgresql://r/a");
    }

    @Test
    void metricsAndEchoNameTheNode() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PgReplicaTopology.assumeRunning();
        db = Carafe.builder().databaseUrl(PgReplicaTopology.PRIMARY_URL).instancePath(dir).meterRegistry(registry)
                .engineOptions(EngineOptions.defaults().replicaUrls(List.of(PgReplicaTopology.STANDBY_URL)))
                .models(ReplicaNote.class).build();
        db.dropAll();
        db.createAll();
        long id = addNote("note");
        PgReplicaTopology.awaitStandbyCaughtUp();
        db.useContext(() -> assertThat(db.session().get(ReplicaNote.class, id).servedBy).isEqualTo(STANDBY));
        assertThat(registry.get("carafe.statements").tag("bind", "default").tag("node", PgReplicaTopology.STANDBY_NODE)
                .timer().count()).isEqualTo(1);
        assertThat(registry.get("carafe.statements").tag("bind", "default").tag("node", "primary").timer().count())
                .isPositive();
        assertThat(registry.get("hikaricp.connections").tag("pool", "carafe-default-replica-1").gauge()).isNotNull();
    }

    @Test
    void aBindWithoutReplicasHasNoTokens() {
        PgReplicaTopology.assumeRunning();
        db = Carafe.builder().databaseUrl(PgReplicaTopology.PRIMARY_URL).models(ReplicaNote.class).build();
        ReplicaReads reads = db.replicaReads();
        assertThat(reads.configured()).isFalse();
    }
}
