package dev.carafe.bench.jmh;

import dev.carafe.Carafe;
import dev.carafe.bench.Post;
import dev.carafe.bench.User;
import dev.carafe.pagination.PageRequest;
import dev.carafe.session.DbContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Carafe's own overhead, on an in-memory H2 database so the database costs little:
 * a context that does not touch the database, a get by id (against the same work on a bare
 * Hibernate session), a page with its count, and recording plus N+1 detection on against off.
 * Run with {@code java -jar bench/target/carafe-bench.jar jmh} (see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OverheadBenchmarks {
    /** Whether recording and N+1 detection are on. */
    @Param({"false", "true"})
    public boolean observe;

    private Carafe db;
    private SessionFactory hibernate;

    /** Builds the database. */
    @Setup(Level.Trial)
    public void setUp() {
        db = BenchDatabase.open(observe);
        hibernate = db.sessionFactory("default");
    }

    /** Closes it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1, 1001);
    }

    /**
     * Opens and closes a context that never touches the database.
     *
     * @return the context, so the JIT cannot drop the work
     */
    @Benchmark
    public DbContext emptyContext() {
        try (DbContext context = db.context()) {
            context.session();
            return context;
        }
    }

    /**
     * Gets a user by id in a context, as a request does.
     *
     * @return the user
     */
    @Benchmark
    public User carafeGetById() {
        try (DbContext ignored = db.context()) {
            return db.getOr404(User.class, randomId());
        }
    }

    /**
     * The same work on a bare Hibernate session: a find in auto-commit, as Carafe runs reads.
     *
     * @return the user
     */
    @Benchmark
    public User hibernateGetById() {
        try (Session session = hibernate.openSession()) {
            return session.find(User.class, randomId());
        }
    }

    /**
     * A page of 20 posts with their authors, and the count.
     *
     * @return the number of items
     */
    @Benchmark
    public int paginate() {
        try (DbContext ignored = db.context()) {
            int page = ThreadLocalRandom.current().nextInt(1, 250);
            return db.paginate(db.select(Post.class).fetch("author").orderByDesc("id"), PageRequest.of(page, 20))
                    .items().size();
        }
    }
}
