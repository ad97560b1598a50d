package dev.carafe.isolation;

import dev.carafe.observe.NPlusOneMode;
import java.util.List;

/**
 * One test's isolation, from {@code db.isolate()} to {@link #close()}. While it is open, every
 * connection any thread takes through {@code db} (the test's own contexts, the application's request
 * handlers, {@code createAll()}, {@code reset()}) is a lease of one connection per bind, kept inside a
 * transaction that {@link #close()} rolls back:
 *
 * <ul>
 *   <li>a commit releases a savepoint instead of committing, and a rollback goes back to it, so a
 *       rollback inside the test undoes only its own part;
 *   <li>threads take turns on the connection: one transaction (or one statement outside a
 *       transaction) at a time, in order of arrival, so two requests never mix their statements;
 *   <li>where a statement commits by itself (DDL on H2, MariaDB and MySQL), the bind's tables are
 *       emptied at {@link #close()} instead, and Carafe says so once on the {@code carafe.isolation}
 *       logger.
 * </ul>
 *
 * <pre>{@code
 * try (Isolation isolation = db.isolate()) {
 *     http.send(post("/todos", "title=write+tests"), ofString());
 *     assertThat(db.withContext(() -> db.query(Todo.class).count())).isEqualTo(1);
 * }   // rolled back: the todo is gone
 * }</pre>
 *
 * <p>{@code engine.dataSource()} is the pool itself and stays outside the isolation; run plain SQL
 * inside it with {@code db.session().hibernate().doWork(connection -> ...)}. Thread-safe; one
 * isolation per Carafe instance at a time.
 */
public interface Isolation extends AutoCloseable {

    /**
     * Starts recording the statements any thread runs on the isolated binds, with the line of code
     * that ran each, until the log is closed.
     *
     * @return the log
     */
    StatementLog recordStatements();

    /**
     * Sets what N+1 detection does on every bind and thread, whatever the configuration says, until
     * set again or until the isolation ends.
     *
     * @param mode the mode, such as {@link NPlusOneMode#RAISE}, or {@code null} for the configured one
     */
    void nPlusOne(NPlusOneMode mode);

    /**
     * Returns what was opened since the isolation began and is still open: contexts, and leases of
     * the pinned connections, each with where it was opened.
     *
     * @return the open resources, oldest first
     */
    List<Leak> leaks();

    /**
     * Returns what Carafe raised during the isolation on threads other than the one that began it,
     * which that thread would not otherwise see: an {@link IsolationException} when a request waited
     * too long for its turn, an {@code NPlusOneException} in a request handler.
     *
     * @return the exceptions, in the order they were raised
     */
    List<RuntimeException> failuresOnOtherThreads();

    /**
     * Ends the isolation: rolls back every bind's transaction (or empties the tables of a bind whose
     * transaction a statement committed), returns the connections to the pools and closes the
     * contexts still open, so that the next test starts clean. Read {@link #leaks()} first.
     * Closing twice does nothing.
     */
    @Override
    void close();
}
