package dev.carafe;

import dev.carafe.config.EngineOptions;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.session.DbContext;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.MariaDbReplicaTopology;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.hibernate.annotations.Formula;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read replicas on a real MariaDB primary (3321) and asynchronous GTID replica (3322): reads reach
 * the replica, read-your-writes with GTID positions while the replica's SQL thread is stopped, the
 * lag bound, and a replica that is down. Each note says which server read it ({@code @@port} in the
 * same statement), so the tests check on the replica itself where a read ran.
 */
class MariaDbReplicasTest {
    private static final int PRIMARY = MariaDbReplicaTopology.PRIMARY_PORT;
    private static final int REPLICA = MariaDbReplicaTopology.REPLICA_PORT;

    @TempDir
    Path dir;

    private Carafe db;
    private boolean paused;
    private boolean stopped;

    /** A note, with the port of the server that read it. */
    @Entity
    public static class GtidNote {
        @Id
        @GeneratedValue
        public Long id;
        public String text;
        @Formula("@@port")
        public Integer servedBy;
    }

    private Carafe open(UnaryOperator<EngineOptions> options) {
        MariaDbReplicaTopology.assumeRunning();
        EngineOptions engine = options.apply(EngineOptions.defaults()
                .replicaUrls(List.of(MariaDbReplicaTopology.REPLICA_URL)));
        db = Carafe.builder().databaseUrl(MariaDbReplicaTopology.PRIMARY_URL).engineOptions(engine)
                .recordQueries(true).instancePath(dir).models(GtidNote.class).build();
        db.dropAll();
        db.createAll();
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        return db;
    }

    private Carafe open() {
        return open(engine -> engine);
    }

    @AfterEach
    void close() {
        if (paused) MariaDbReplicaTopology.resumeReplay();
        if (stopped) MariaDbReplicaTopology.startReplica();
        if (db == null) return;
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    private long addNote(String text) {
        return db.inTransaction(session -> {
            GtidNote note = new GtidNote();
            note.text = text;
            session.add(note);
            session.flush();
            return note.id;
        });
    }

    private Integer readBy(long id) {
        return db.withContext(() -> db.session().get(GtidNote.class, id).servedBy);
    }

    @Test
    void aContextReadsFromTheReplicaUntilItWritesThenFromThePrimary() {
        open();
        long id = addNote("first");
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        try (DbContext context = db.context()) {
            assertThat(db.session().get(GtidNote.class, id).servedBy).isEqualTo(REPLICA);
            assertThat(db.session().execute(db.select(GtidNote.class)).all()).extracting(note -> note.servedBy)
                    .containsOnly(REPLICA);
            GtidNote second = new GtidNote();
            second.text = "second";
            db.session().add(second);
            db.session().commit();
            db.session().expunge(second);
            assertThat(db.session().get(GtidNote.class, second.id).servedBy).isEqualTo(PRIMARY);
            List<String> nodes = context.recordedQueries().stream().map(RecordedQuery::node).toList();
            assertThat(nodes.get(0)).isEqualTo(MariaDbReplicaTopology.REPLICA_NODE);
            assertThat(nodes.get(nodes.size() - 1)).isEqualTo("primary");
        }
    }

    @Test
    void withReplayPausedAWriterReadsItsRowsAndOthersMayReadTheStaleReplica() {
        open();
        long before = addNote("before");
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        MariaDbReplicaTopology.pauseReplay();
        paused = true;
        List<String> tokens = new ArrayList<>();
        long written;
        try (DbContext writer = db.requestContexts().open(name -> null); DbContext.Binding bound = writer.bind()) {
            db.replicaReads().onWrite(writer, tokens::add);
            assertThat(db.session().get(GtidNote.class, before).servedBy).isEqualTo(REPLICA);
            GtidNote note = new GtidNote();
            note.text = "written while the SQL thread is stopped";
            db.session().add(note);
            db.session().commit();
            written = note.id;
            db.session().expunge(note);
            assertThat(db.session().get(GtidNote.class, written).servedBy).isEqualTo(PRIMARY);
        }
        assertThat(tokens).hasSize(1);
        MariaDbReplicaTopology.awaitReplicaReceived();
        // Another client, without the token, reads the replica, which has received the row but not applied it.
        db.useContext(() -> {
            assertThat(db.session().get(GtidNote.class, written)).isNull();
            assertThat(db.session().get(GtidNote.class, before).servedBy).isEqualTo(REPLICA);
        });
        // The writer's next request, with its token (the primary's GTID position), reads the primary.
        try (DbContext next = db.requestContexts().open(name -> null); DbContext.Binding bound = next.bind()) {
            db.replicaReads().require(next, tokens.get(0));
            GtidNote mine = db.session().get(GtidNote.class, written);
            assertThat(mine).as("the writer's own row").isNotNull();
            assertThat(mine.text).isEqualTo("written while the SQL thread is stopped");
            assertThat(mine.servedBy).isEqualTo(PRIMARY);
        }
        MariaDbReplicaTopology.resumeReplay();
        paused = false;
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        // Once the replica has applied the position, the same token reads from it again.
        try (DbContext later = db.requestContexts().open(name -> null); DbContext.Binding bound = later.bind()) {
            db.replicaReads().require(later, tokens.get(0));
            assertThat(db.session().get(GtidNote.class, written).servedBy).isEqualTo(REPLICA);
        }
    }

    @Test
    void aReplicaWithUnappliedTransactionsIsSkippedUnderAZeroBound() {
        open(engine -> engine.replicaMaxLag(Duration.ZERO));
        long id = addNote("note");
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        assertThat(readBy(id)).isEqualTo(REPLICA);
        MariaDbReplicaTopology.pauseReplay();
        paused = true;
        addNote("not applied");
        MariaDbReplicaTopology.awaitReplicaReceived();
        assertThat(readBy(id)).isEqualTo(PRIMARY);
    }

    @Test
    void withTheReplicaStoppedReadsGoToThePrimaryWithoutError() {
        open();
        long id = addNote("note");
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        assertThat(readBy(id)).isEqualTo(REPLICA);
        MariaDbReplicaTopology.stopReplica();
        stopped = true;
        for (int request = 0; request < 10; request++) assertThat(readBy(id)).isEqualTo(PRIMARY);
    }

    @Test
    void aReplicaShutDownUnderReadsCostsNoError() throws Exception {
        open();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) ids.add(addNote("note " + i));
        MariaDbReplicaTopology.awaitReplicaCaughtUp();
        // Four readers go on until 200 contexts have run after the shutdown: it takes a moment, in which
        // a warm JVM runs hundreds of contexts, so a fixed number of them could all end on the replica.
        AtomicBoolean replicaDown = new AtomicBoolean();
        AtomicInteger afterShutdown = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ConcurrentHashMap<Integer, AtomicInteger> byServer = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Callable<Void>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(() -> {
                for (int i = 0; i < 5_000 && afterShutdown.get() < 200; i++) {
                    long id = ids.get(i % ids.size());
                    try {
                        int server = db.withContext(() -> {
                            assertThat(db.session().execute(db.select(GtidNote.class)).all()).hasSize(ids.size());
                            return db.session().get(GtidNote.class, id).servedBy;
                        });
                        byServer.computeIfAbsent(server, port -> new AtomicInteger()).incrementAndGet();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                    done.incrementAndGet();
                    if (replicaDown.get()) afterShutdown.incrementAndGet();
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(readers.size());
        try {
            List<Future<Void>> running = readers.stream().map(pool::submit).toList();
            for (int wait = 0; wait < 2400 && done.get() < 200; wait++) Thread.sleep(50);
            MariaDbReplicaTopology.stopReplica();
            stopped = true;
            replicaDown.set(true);
            for (Future<Void> reader : running) reader.get(300, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(afterShutdown.get()).as("contexts after the shutdown").isGreaterThanOrEqualTo(200);
        assertThat(errors).isEmpty();
        assertThat(byServer.get(REPLICA)).isNotNull();
        assertThat(byServer.get(PRIMARY)).isNotNull();
        System.out.printf("MariaDB replica shut down under reads: %d contexts, %s on the replica, %s on the primary,"
                + " 0 errors%n", done.get(), byServer.get(REPLICA), byServer.get(PRIMARY));
    }
}
