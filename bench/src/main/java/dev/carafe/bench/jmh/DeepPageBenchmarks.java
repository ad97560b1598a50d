package dev.carafe.bench.jmh;

import dev.carafe.Carafe;
import dev.carafe.bench.Post;
import dev.carafe.config.EngineOptions;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.query.Select;
import dev.carafe.session.DbContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The last page of the bench's 100,000 posts (page 5,000 at 20 per page, newest first, with their
 * authors), reached by offset and by keyset, on the PostgreSQL bench database that
 * {@code ../shared/bench/run} seeds ({@code BENCH_DATABASE_URL}, by default the local one). An
 * offset page makes PostgreSQL walk and join every row before it; a keyset page starts at its key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeepPageBenchmarks {
    private static final int PER_PAGE = 20;
    private static final int DEPTH = 5_000;

    private Carafe db;
    private Select<Post> newestFirst;
    private String cursorOfLastPage;

    /** Connects, and walks the keyset pages once to hold the cursor of page 5,000. */
    @Setup(Level.Trial)
    public void setUp() {
        String url = System.getenv().getOrDefault("BENCH_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:5432/bench?user=postgres");
        db = Carafe.builder().databaseUrl(url).engineOptions(EngineOptions.defaults().poolSize(2))
                .models(dev.carafe.bench.User.class, Post.class).build();
        newestFirst = db.select(Post.class).fetch("author").orderByDesc("id");
        String cursor = null;
        for (int page = 1; page < DEPTH; page++) {
            String current = cursor;
            cursor = db.withContext(() -> db.paginateKeyset(newestFirst, current, PER_PAGE).nextCursor());
        }
        cursorOfLastPage = cursor;
        if (cursorOfLastPage == null) {
            throw new IllegalStateException("The bench database has fewer than " + DEPTH * PER_PAGE
                    + " posts; seed it with ../shared/bench/run --check-only first.");
        }
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
    }

    /**
     * Page 5,000 by offset, without the count (as a keyset page has none).
     *
     * @return the number of items
     */
    @Benchmark
    public int offsetPage() {
        try (DbContext ignored = db.context()) {
            return db.paginate(newestFirst, PageRequest.of(DEPTH, PER_PAGE).count(false)).items().size();
        }
    }

    /**
     * Page 5,000 by keyset, from the cursor of page 4,999.
     *
     * @return the number of items
     */
    @Benchmark
    public int keysetPage() {
        try (DbContext ignored = db.context()) {
            KeysetPage<Post> page = db.paginateKeyset(newestFirst, cursorOfLastPage, PER_PAGE);
            return page.items().size();
        }
    }
}
