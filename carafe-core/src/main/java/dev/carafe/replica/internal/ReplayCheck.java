package dev.carafe.replica.internal;

import dev.carafe.bind.internal.DatabaseKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Asks servers how far replication got: the primary's current position, and a replica's replayed
 * position and lag. Positions are opaque strings that only the check of the same database reads.
 */
interface ReplayCheck {
    /**
     * What a replica said about itself.
     *
     * @param replayed the position it has replayed, or {@code null} when unknown
     * @param lag how far its replay is behind, or {@code null} when it is not replicating (promoted,
     *     or its replication stopped), so that no bound can be told
     */
    record State(String replayed, Duration lag) {}

    /**
     * Returns the check for a database.
     *
     * @param kind the database of the replicas
     * @return WAL positions for PostgreSQL, GTIDs for MariaDB, nothing measured otherwise
     */
    static ReplayCheck of(DatabaseKind kind) {
        if (kind == DatabaseKind.POSTGRESQL) return new WalReplayCheck();
        if (kind == DatabaseKind.MARIADB) return new GtidReplayCheck();
        return new UnmeasuredReplayCheck();
    }

    /** Returns the primary's current position, or {@code null} when the database does not tell. */
    String primaryPosition(Connection primary) throws SQLException;

    /** Reads the state of a replica, whose earlier checks {@code replica} remembers. */
    State replicaState(Connection connection, Replica replica) throws SQLException;

    /** Tells whether a replica that replayed {@code replayed} shows everything up to {@code required}. */
    boolean reached(String replayed, String required);
}
