package dev.carafe.bind.internal;

import java.sql.Connection;

/**
 * A bind's read replicas, as its connection provider sees them: where a session that has not
 * written takes its connection, and where those connections go back. Implementations are
 * thread-safe.
 */
public interface ReadConnections {

    /**
     * Takes a connection of a replica that is up, lags less than the bind's bound and has replayed
     * the position the route requires.
     *
     * @param route the session asking
     * @return the connection, or {@code null} when no replica can serve and the primary must
     */
    Connection take(ReadRoute route);

    /**
     * Returns a connection if it is one of a replica's.
     *
     * @param connection a connection the provider handed out
     * @return whether it was a replica's (and is now closed)
     */
    boolean giveBack(Connection connection);

    /**
     * Reports that a replica failed under a read, so it is skipped for a while.
     *
     * @param node the replica's node name
     */
    void failed(String node);

    /**
     * Returns the primary's position now, which a replica must have replayed to show everything
     * committed so far.
     *
     * @param primary a connection to the primary
     * @return the position, or {@code null} when the database does not tell
     */
    String primaryPosition(Connection primary);

    /** Closes the replicas' pools. */
    void close();
}
