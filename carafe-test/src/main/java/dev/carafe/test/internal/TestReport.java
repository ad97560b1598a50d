package dev.carafe.test.internal;

import dev.carafe.Carafe;
import dev.carafe.bind.Engine;
import dev.carafe.isolation.ExecutedStatement;
import dev.carafe.isolation.Isolation;
import dev.carafe.isolation.Leak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What went wrong around one test, besides its own assertions: gathered after it, thrown as one failure. */
public final class TestReport {
    /** How long the requests a test sent get to close their contexts after their responses. */
    private static final Duration CLOSING_TIME = Duration.ofSeconds(5);

    private final Carafe db;
    private final List<String> problems = new ArrayList<>();
    private final List<Throwable> causes = new ArrayList<>();

    /**
     * Starts the report of a test.
     *
     * @param db the test's db object
     */
    public TestReport(Carafe db) {
        this.db = db;
    }

    /**
     * Notes what the test left open, after giving other threads a moment to close theirs: a response
     * reaches the test just before its request's context closes.
     *
     * @param isolation the test's isolation, still open
     */
    public void leaks(Isolation isolation) {
        long deadline = System.nanoTime() + CLOSING_TIME.toNanos();
        List<Leak> leaks = isolation.leaks();
        String me = Thread.currentThread().getName();
        while (leaks.stream().anyMatch(leak -> !leak.thread().equals(me)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            leaks = isolation.leaks();
        }
        if (leaks.isEmpty()) return;
        StringBuilder text = new StringBuilder("The test left these open, and Carafe closed them:");
        for (Leak leak : leaks) text.append("\n  - ").append(leak);
        text.append("\nClose every context a test opens: try (DbContext ctx = db.context()) { ... }.");
        problems.add(text.toString());
    }

    /**
     * Notes what Carafe raised on other threads during the test, such as in request handlers.
     *
     * @param failures the exceptions not reported yet
     */
    public void failures(List<RuntimeException> failures) {
        if (failures.isEmpty()) return;
        StringBuilder text = new StringBuilder("Carafe raised this on another thread during the test:");
        for (RuntimeException failure : failures) text.append("\n  - ").append(failure.getMessage());
        problems.add(text.toString());
        causes.addAll(failures);
    }

    /**
     * Notes the pool connections the test took outside Carafe's sessions and did not return.
     *
     * @param activeBefore each engine's borrowed connections before the test, in {@code db.engines()} order
     */
    public void connectionsLeftOut(List<Integer> activeBefore) {
        int i = 0;
        for (Engine engine : db.engines().values()) {
            int more = engine.activeConnections() - activeBefore.get(i++);
            if (more > 0) {
                problems.add("Bind '" + engine.key() + "' has " + more + " more " + (more == 1 ? "connection" : "connections")
                        + " checked out than before the test: taken from its pool outside Carafe's sessions"
                        + " (engine.dataSource().getConnection(), say) and not closed.");
            }
        }
    }

    /** Fails the test with everything noted, if anything was. */
    public void throwIfAnything() {
        if (problems.isEmpty()) return;
        AssertionError failure = new AssertionError(String.join("\n", problems));
        causes.forEach(failure::addSuppressed);
        throw failure;
    }

    /**
     * Describes statements a block ran against what was expected.
     *
     * @param expectation {@code "Expected "} or {@code "Expected at most "}
     * @param expected the number expected
     * @param where {@code ""}, or {@code " on bind 'auth'"}
     * @param ran the statements
     * @return the failure message
     */
    public static String statements(String expectation, int expected, String where, List<ExecutedStatement> ran) {
        StringBuilder text = new StringBuilder(expectation).append(expected)
                .append(expected == 1 ? " statement" : " statements").append(where)
                .append(", but the block ran ").append(ran.size()).append(ran.isEmpty() ? "." : ":");
        for (int i = 0; i < ran.size(); i++) {
            ExecutedStatement statement = ran.get(i);
            text.append("\n  ").append(i + 1).append(". [").append(statement.bind()).append("] ")
                    .append(statement.statement()).append("\n     at ").append(statement.location())
                    .append(" on thread '").append(statement.thread()).append('\'');
        }
        return text.toString();
    }
}
