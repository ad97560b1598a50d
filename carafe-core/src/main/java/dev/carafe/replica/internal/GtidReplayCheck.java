package dev.carafe.replica.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * MariaDB GTID replication: positions are GTID lists ({@code 0-1-42,1-2-7}, one
 * {@code domain-server-sequence} per replication domain). The primary's position is
 * {@code @@gtid_binlog_pos}; a replica has reached it when, in every domain of it, the replica's
 * {@code @@gtid_slave_pos} has an equal or higher sequence number (what {@code MASTER_GTID_WAIT}
 * waits for). The comparison runs here rather than in {@code MASTER_GTID_WAIT(?, 0)} so that a
 * replica's check is the same two statements for every client, whatever position it requires.
 */
final class GtidReplayCheck implements ReplayCheck {
    /** MariaDB's ER_SPECIFIC_ACCESS_DENIED_ERROR: SHOW SLAVE STATUS needs SLAVE MONITOR. */
    private static final int ACCESS_DENIED = 1227;

    @Override
    public String primaryPosition(Connection primary) throws SQLException {
        try (Statement statement = primary.createStatement();
                ResultSet row = statement.executeQuery("select @@gtid_binlog_pos")) {
            String position = row.next() ? row.getString(1) : null;
            return position == null || position.isEmpty() ? null : position;
        }
    }

    /**
     * Reads a replica's state from {@code SHOW SLAVE STATUS} and {@code @@gtid_slave_pos}. Lag is
     * zero while it has applied every transaction its IO thread received ({@code Gtid_IO_Pos}); with
     * transactions left to apply it is {@code Seconds_Behind_Master} while the SQL thread runs, and
     * while the SQL thread is stopped (which MariaDB reports as no lag at all) the time since a
     * check last saw the replica caught up. A replica whose IO thread is not running (stopped,
     * failed, or reconnecting), one never seen caught up while stopped, and a server that is no
     * replica have no lag bound.
     */
    @Override
    public State replicaState(Connection connection, Replica replica) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String io;
            String sql;
            Long secondsBehind;
            String received;
            try (ResultSet row = statement.executeQuery("show slave status")) {
                if (!row.next()) return new State(null, null);
                io = row.getString("Slave_IO_Running");
                sql = row.getString("Slave_SQL_Running");
                long seconds = row.getLong("Seconds_Behind_Master");
                secondsBehind = row.wasNull() ? null : seconds;
                received = row.getString("Gtid_IO_Pos");
            } catch (SQLException e) {
                if (e.getErrorCode() != ACCESS_DENIED) throw e;
                throw new SQLException("the replica's user may not run SHOW SLAVE STATUS, which Carafe reads to"
                        + " measure its lag: GRANT SLAVE MONITOR ON *.* to it (" + e.getMessage() + ")",
                        e.getSQLState(), e.getErrorCode(), e);
            }
            String replayed;
            try (ResultSet row = statement.executeQuery("select @@gtid_slave_pos")) {
                replayed = row.next() ? row.getString(1) : null;
            }
            if (!"Yes".equals(io)) return new State(replayed, null);
            if (reached(replayed, received)) {
                replica.caughtUp();
                return new State(replayed, Duration.ZERO);
            }
            if ("Yes".equals(sql) && secondsBehind != null) return new State(replayed, Duration.ofSeconds(secondsBehind));
            return new State(replayed, replica.sinceCaughtUp());
        }
    }

    @Override
    public boolean reached(String replayed, String required) {
        if (required == null || required.isEmpty()) return true;
        if (replayed == null) return false;
        Map<Long, Long> applied = sequences(replayed);
        for (Map.Entry<Long, Long> wanted : sequences(required).entrySet()) {
            Long sequence = applied.get(wanted.getKey());
            if (sequence == null || sequence < wanted.getValue()) return false;
        }
        return true;
    }

    /**
     * Reads a GTID list as the highest sequence number of each domain; a GTID that does not read
     * (no position Carafe signed) counts as unreachable.
     */
    static Map<Long, Long> sequences(String gtids) {
        Map<Long, Long> byDomain = new HashMap<>();
        for (String gtid : gtids.split(",")) {
            String text = gtid.strip();
            if (text.isEmpty()) continue;
            String[] parts = text.split("-");
            try {
                long domain = Long.parseLong(parts[0]);
                long sequence = parts.length == 3 ? Long.parseLong(parts[2]) : Long.MAX_VALUE;
                byDomain.merge(domain, sequence, Math::max);
            } catch (NumberFormatException e) {
                byDomain.put(Long.MIN_VALUE, Long.MAX_VALUE);
            }
        }
        return byDomain;
    }
}
