package dev.carafe.isolation.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.ConnectionPin;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.isolation.Leak;
import dev.carafe.observe.internal.CodeLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bind's connection for the length of a test: taken from the pool at its first use, kept in
 * one transaction, lent to every session as a {@link LeasedConnection}, rolled back and returned
 * at the end. Each lease's transaction is a savepoint on it, kept here as a stack.
 */
final class PinnedConnection implements ConnectionPin {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.isolation");
    private static final Set<String> DDL = Set.of("create", "alter", "drop", "truncate", "rename");

    private final Bind bind;
    private final ActiveIsolation isolation;
    private final TurnLock turns;
    private final Set<LeasedConnection> leases = ConcurrentHashMap.newKeySet();
    private final List<Held> savepoints = new ArrayList<>();
    private Connection connection;
    private volatile String implicitCommit;
    private volatile boolean ended;

    /** A savepoint and the lease whose transaction it began. */
    private record Held(Savepoint savepoint, LeasedConnection owner) {}

    PinnedConnection(Bind bind, ActiveIsolation isolation) {
        this.bind = bind;
        this.isolation = isolation;
        this.turns = new TurnLock(bind.key(), bind.poolTimeout());
    }

    @Override
    public Connection lease() {
        LeasedConnection lease = new LeasedConnection(this, isolation.nextSequence(), CodeLocation.capture(),
                Thread.currentThread().getName());
        leases.add(lease);
        return lease.proxy();
    }

    String bindKey() {
        return bind.key();
    }

    Bind bind() {
        return bind;
    }

    TurnLock turns() {
        return turns;
    }

    ActiveIsolation isolation() {
        return isolation;
    }

    boolean ended() {
        return ended;
    }

    /** PostgreSQL refuses every statement of a transaction after one failed, until a rollback. */
    boolean failureAbortsTransaction() {
        return bind.kind() == DatabaseKind.POSTGRESQL || bind.kind() == DatabaseKind.OTHER;
    }

    /** The pinned connection, taken from the pool at the first use, with its transaction begun. */
    synchronized Connection connection() throws SQLException {
        if (connection == null) {
            Connection taken = bind.connectionToPin();
            try {
                taken.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                taken.close();
                throw e;
            }
            connection = taken;
        }
        return connection;
    }

    synchronized Savepoint savepoint(LeasedConnection owner) throws SQLException {
        Savepoint savepoint = connection().setSavepoint();
        savepoints.add(new Held(savepoint, owner));
        return savepoint;
    }

    /** A lease's commit: releases its savepoint, and those of leases nested in it, which are merged into it. */
    synchronized void release(Savepoint savepoint) throws SQLException {
        int index = indexOf(savepoint);
        if (index < 0) return;
        connection.releaseSavepoint(savepoint);
        forget(index + 1, true);
        savepoints.remove(index);
    }

    /** A lease's rollback: back to its savepoint, which stays as the start of its next transaction. */
    synchronized void rollbackTo(Savepoint savepoint) throws SQLException {
        int index = indexOf(savepoint);
        if (index < 0) return;
        connection.rollback(savepoint);
        forget(index + 1, true);
    }

    private int indexOf(Savepoint savepoint) {
        for (int i = 0; i < savepoints.size(); i++) {
            if (savepoints.get(i).savepoint() == savepoint) return i;
        }
        return -1;
    }

    private void forget(int from, boolean orphaned) {
        while (savepoints.size() > from) savepoints.remove(savepoints.size() - 1).owner().savepointGone(orphaned);
    }

    /** Called before every statement: notices a statement that commits the transaction by itself. */
    void beforeExecute(String sql) {
        if (commitsByItself(sql)) {
            synchronized (this) {
                // The database drops every savepoint; leases that go on get new ones.
                forget(0, false);
            }
            if (implicitCommit == null) implicitCommit = sql;
        }
        isolation.executed(bind.key(), sql);
    }

    private boolean commitsByItself(String sql) {
        DatabaseKind kind = bind.kind();
        return kind != DatabaseKind.POSTGRESQL && kind != DatabaseKind.SQLITE && DDL.contains(firstWord(sql));
    }

    private static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else {
                break;
            }
        }
        int end = i;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) end++;
        return sql.substring(i, end).toLowerCase(Locale.ROOT);
    }

    /**
     * The statement that committed the test's transaction by itself, if one did.
     *
     * @return the statement, or {@code null}
     */
    String implicitCommit() {
        return implicitCommit;
    }

    void closed(LeasedConnection lease) {
        leases.remove(lease);
    }

    List<Leak> leaks() {
        return leases.stream().sorted(Comparator.comparingLong(LeasedConnection::sequence))
                .map(lease -> new Leak(Leak.Kind.CONNECTION, bind.key(), lease.openedAt(), lease.thread())).toList();
    }

    /** Ends the pin: waits for the thread whose turn it is, rolls back and returns the connection to the pool. */
    void end() throws SQLException {
        if (!turns.awaitFree()) {
            LOG.warn("Bind '{}': a thread still held the test's connection when the isolation ended; rolling back anyway",
                    bind.key());
        }
        ended = true;
        Connection pinned;
        synchronized (this) {
            pinned = connection;
            connection = null;
            savepoints.clear();
        }
        if (pinned == null) return;
        try {
            pinned.rollback();
            pinned.setAutoCommit(true);
        } finally {
            pinned.close();
        }
    }
}
