package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.isolation.ExecutedStatement;
import dev.carafe.isolation.Isolation;
import dev.carafe.isolation.StatementLog;
import dev.carafe.observe.NPlusOneException;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.test.internal.TestReport;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Isolates every test of a class: all that any thread does through {@code db} during a test (the
 * test's own contexts, and the application's request handlers reached over real HTTP through the
 * Javalin plugin or the servlet filter) is rolled back after it, on every bind. Commits and
 * rollbacks inside the test become savepoints; threads take turns on the one connection each bind
 * keeps for the test. A test that leaves a context or a connection open fails, saying where it was
 * opened.
 *
 * <pre>{@code
 * class TodoApiTest {
 *     static Carafe db = TodoApp.database();
 *     static Javalin app = TodoApp.create(db).start(0);
 *
 *     @RegisterExtension
 *     static CarafeExtension carafe = CarafeExtension.of(db);
 *
 *     @BeforeAll
 *     static void schema() {
 *         db.createAll();
 *     }
 *
 *     @Test
 *     void postingATodoStoresIt() throws Exception {
 *         post("/todos", "title=write+tests");
 *         assertThat(db.withContext(() -> db.query(Todo.class).count())).isEqualTo(1);
 *     }   // rolled back: the next test sees no todo
 * }
 * }</pre>
 *
 * <p>What runs outside the tests ({@code @BeforeAll}, {@code @AfterAll}) is not isolated: create the
 * schema and the rows every test shares there. Tests of one {@code db} run one at a time. Where the
 * database commits a statement by itself (DDL on H2 and MariaDB), the bind's tables are emptied after
 * the test instead, and Carafe says so once on the {@code carafe.isolation} logger.
 */
public final class CarafeExtension implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<Carafe> source;
    private final NPlusOneMode nPlusOne;
    private volatile Carafe db;
    private volatile TestRun run;

    /** One test's isolation, and how much of it was reported already. */
    private static final class TestRun {
        final Isolation isolation;
        final List<Integer> activeBefore;
        int failuresReported;

        TestRun(Isolation isolation, List<Integer> activeBefore) {
            this.isolation = isolation;
            this.activeBefore = activeBefore;
        }
    }

    /** A block of test code, which may throw. */
    @FunctionalInterface
    public interface Block {
        /**
         * Runs the block.
         *
         * @throws Exception whatever the test code throws
         */
        void run() throws Exception;
    }

    private CarafeExtension(Supplier<Carafe> source, NPlusOneMode nPlusOne) {
        this.source = source;
        this.nPlusOne = nPlusOne;
    }

    /**
     * Creates the extension for a db object.
     *
     * @param db the application's Carafe instance
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static CarafeExtension of(Carafe db) {
        Objects.requireNonNull(db, "db");
        return new CarafeExtension(() -> db, null);
    }

    /**
     * Creates the extension for a db object built later, such as in {@code @BeforeAll} or for each
     * invocation of a {@code @ParameterizedClass}; it is asked for before each test.
     *
     * @param db supplies the application's Carafe instance
     * @return the extension, to register with {@code @RegisterExtension}
     */
    public static CarafeExtension of(Supplier<Carafe> db) {
        return new CarafeExtension(Objects.requireNonNull(db, "db"), null);
    }

    /**
     * Returns an extension that sets N+1 detection for every test of the class, on every bind and
     * thread, whatever the configuration says: {@link NPlusOneMode#RAISE} fails the statement that
     * reaches the threshold, and the test with it, also when a request handler ran it.
     *
     * @param mode the mode for the class
     * @return a new extension
     */
    public CarafeExtension nPlusOne(NPlusOneMode mode) {
        return new CarafeExtension(source, Objects.requireNonNull(mode, "mode"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Carafe current = source.get();
        if (current == null) {
            throw new IllegalStateException("CarafeExtension.of(() -> db) found no Carafe instance before "
                    + context.getDisplayName() + ": build db in a static field or in @BeforeAll.");
        }
        db = current;
        List<Integer> activeBefore = current.engines().values().stream().map(e -> e.activeConnections()).toList();
        Isolation isolation = current.isolate();
        if (nPlusOne != null) isolation.nPlusOne(nPlusOne);
        run = new TestRun(isolation, activeBefore);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestRun ending = run;
        run = null;
        if (ending == null) return;
        TestReport report = new TestReport(db);
        try {
            report.leaks(ending.isolation);
            List<RuntimeException> failures = ending.isolation.failuresOnOtherThreads();
            report.failures(failures.subList(ending.failuresReported, failures.size()));
        } finally {
            ending.isolation.close();
        }
        report.connectionsLeftOut(ending.activeBefore);
        report.throwIfAnything();
    }

    /**
     * Returns the db object of the tests: the one of the current test, or before the first test
     * (in {@code @BeforeAll}), the one the extension was created with.
     *
     * @return the Carafe instance
     * @throws IllegalStateException when the supplier gives none yet
     */
    public Carafe db() {
        Carafe current = db != null ? db : source.get();
        if (current == null) {
            throw new IllegalStateException("CarafeExtension.of(() -> db) found no Carafe instance: build db before"
                    + " using the extension, in a static field or in @BeforeAll.");
        }
        return current;
    }

    /**
     * Empties the tables of the given binds' models (every bind when none is given), children before
     * parents, identities restarted: {@code db.reset(...)}. Inside a test it is rolled back with the
     * rest of the test; in {@code @BeforeAll} it gives every test of the class empty tables to start
     * from, and is not rolled back.
     *
     * @param bindKeys bind keys; none means every bind
     */
    public void reset(String... bindKeys) {
        db().reset(bindKeys);
    }

    /**
     * Runs a block and fails unless it ran exactly this many statements on all binds, counting those
     * of the request handlers it reached; the failure lists them with the line of code that ran each.
     *
     * <pre>{@code
     * carafe.assertStatements(2, () -> http.send(get("/todos"), ofString()));
     * }</pre>
     *
     * @param expected the number of statements
     * @param block the code to count
     * @throws Exception what the block threw
     */
    public void assertStatements(int expected, Block block) throws Exception {
        List<ExecutedStatement> ran = recordStatements(block);
        if (ran.size() != expected) throw new AssertionError(TestReport.statements("Expected ", expected, "", ran));
    }

    /**
     * Runs a block and fails unless it ran exactly this many statements on one bind.
     *
     * @param bindKey the bind
     * @param expected the number of statements on it
     * @param block the code to count
     * @throws Exception what the block threw
     */
    public void assertStatements(String bindKey, int expected, Block block) throws Exception {
        List<ExecutedStatement> ran = recordStatements(block).stream().filter(s -> s.bind().equals(bindKey)).toList();
        if (ran.size() != expected) {
            throw new AssertionError(TestReport.statements("Expected ", expected, " on bind '" + bindKey + "'", ran));
        }
    }

    /**
     * Runs a block and fails when it ran more statements than its budget on all binds, counting those
     * of the request handlers it reached; the failure lists them with the line of code that ran each.
     *
     * @param budget the most statements the block may run
     * @param block the code to count
     * @throws Exception what the block threw
     */
    public void assertStatementsAtMost(int budget, Block block) throws Exception {
        List<ExecutedStatement> ran = recordStatements(block);
        if (ran.size() > budget) throw new AssertionError(TestReport.statements("Expected at most ", budget, "", ran));
    }

    /**
     * Runs a block and returns the statements it ran on every bind and thread, in order.
     *
     * @param block the code to record
     * @return the statements, with their binds, locations and threads
     * @throws Exception what the block threw
     */
    public List<ExecutedStatement> recordStatements(Block block) throws Exception {
        try (StatementLog log = current("recordStatements").isolation.recordStatements()) {
            block.run();
            return log.statements();
        }
    }

    /**
     * Runs a block with N+1 detection set to a mode on every bind and thread, whatever the
     * configuration says; with {@link NPlusOneMode#RAISE}, an N+1 pattern in a request handler the
     * block reached fails the block too.
     *
     * @param mode the mode for the block
     * @param block the code
     * @throws Exception what the block threw
     */
    public void nPlusOne(NPlusOneMode mode, Block block) throws Exception {
        TestRun test = current("nPlusOne");
        int before = test.isolation.failuresOnOtherThreads().size();
        test.isolation.nPlusOne(mode);
        try {
            block.run();
        } finally {
            test.isolation.nPlusOne(nPlusOne);
        }
        List<RuntimeException> failures = test.isolation.failuresOnOtherThreads();
        for (RuntimeException failure : failures.subList(before, failures.size())) {
            if (failure instanceof NPlusOneException) {
                test.failuresReported = failures.size();
                throw new AssertionError("A request the block sent ran into an N+1 pattern: " + failure.getMessage(), failure);
            }
        }
    }

    private TestRun current(String method) {
        TestRun test = run;
        if (test == null) {
            throw new IllegalStateException("carafe." + method + "(...) works inside a test: the extension isolates each"
                    + " test, not @BeforeAll or @AfterAll. Register it with @RegisterExtension.");
        }
        return test;
    }
}
