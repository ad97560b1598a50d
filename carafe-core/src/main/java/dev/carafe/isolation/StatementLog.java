package dev.carafe.isolation;

import java.util.List;

/**
 * The statements that every thread ran on the isolated binds while the log was open: from
 * {@link Isolation#recordStatements()}. Thread-safe.
 */
public interface StatementLog extends AutoCloseable {

    /**
     * Returns the statements recorded so far, in the order they ran.
     *
     * @return an immutable list
     */
    List<ExecutedStatement> statements();

    /** Stops recording; the statements recorded so far stay readable. */
    @Override
    void close();
}
