package dev.carafe.replica.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** PostgreSQL streaming replication: positions are WAL LSNs ({@code 16/B374D848}). */
final class WalReplayCheck implements ReplayCheck {
    private static final int CAUGHT_UP_BYTES = 8192;

    @Override
    public String primaryPosition(Connection primary) throws SQLException {
        try (Statement statement = primary.createStatement();
                ResultSet row = statement.executeQuery("select pg_current_wal_lsn()::text")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    /**
     * Reads a replica's state. Lag is zero while it replays and has less than a WAL page left to
     * replay of what it received (after a restart the received position stays a page header ahead
     * of the replayed one on an idle primary); otherwise it is the time since the last transaction
     * it replayed. A replica of an idle primary is never behind; a paused one is, as time passes.
     */
    @Override
    public State replicaState(Connection connection, Replica replica) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,"
                        + " case when not pg_is_wal_replay_paused()"
                        + " and pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) < " + CAUGHT_UP_BYTES
                        + " then 0 else coalesce(extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()),"
                        + " 1e9) end")) {
            row.next();
            if (!row.getBoolean(1)) return new State(null, null);
            return new State(row.getString(2), Duration.ofMillis(Math.round(row.getDouble(3) * 1000)));
        }
    }

    @Override
    public boolean reached(String replayed, String required) {
        if (required == null) return true;
        if (replayed == null) return false;
        return lsn(replayed) >= lsn(required);
    }

    /** Reads a PostgreSQL LSN ({@code 16/B374D848}) as a number; Long.MAX_VALUE for one unreadable. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        try {
            return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
        } catch (RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
