package dev.carafe.isolation.internal;

import dev.carafe.isolation.IsolationException;
import dev.carafe.observe.internal.CodeLocation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a session gets instead of a pool connection while a test is isolated: the bind's pinned
 * connection, behind a {@link Connection} of its own. {@code setAutoCommit(false)} begins a
 * transaction, which takes the thread's turn on the connection until {@code commit()} (a savepoint
 * released) or {@code rollback()} (back to the savepoint) and {@code setAutoCommit(true)}; outside a
 * transaction each statement takes the turn until it is closed. {@code close()} rolls back what was
 * left open and gives the turn back; the pinned connection stays with the test.
 */
final class LeasedConnection implements InvocationHandler {
    private final PinnedConnection pin;
    private final long sequence;
    private final CodeLocation openedAt;
    private final String thread;
    private final Connection proxy;
    private final Set<LeasedStatement> statements = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile boolean autoCommit = true;
    private volatile Savepoint savepoint;
    private volatile boolean orphaned;
    private volatile CodeLocation transactionBegunAt;
    private volatile boolean closed;
    private boolean readOnly;
    private Integer transactionIsolation;

    LeasedConnection(PinnedConnection pin, long sequence, CodeLocation openedAt, String thread) {
        this.pin = pin;
        this.sequence = sequence;
        this.openedAt = openedAt;
        this.thread = thread;
        this.proxy = (Connection) Proxy.newProxyInstance(LeasedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this);
    }

    Connection proxy() {
        return proxy;
    }

    PinnedConnection pin() {
        return pin;
    }

    long sequence() {
        return sequence;
    }

    String openedAt() {
        return openedAt.get();
    }

    String thread() {
        return thread;
    }

    boolean inAutoCommit() {
        return autoCommit;
    }

    /** Where the transaction that holds the turn began, or {@code null} outside a transaction. */
    String transactionBegunAt() {
        CodeLocation begun = transactionBegunAt;
        return begun == null ? null : begun.get();
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "toString":
                return "<lease of the pinned connection of bind '" + pin.bindKey() + "'>";
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == args[0];
            case "isClosed":
                return closed || pin.ended();
            case "close", "abort":
                close();
                return null;
            default:
                break;
        }
        requireUsable();
        switch (method.getName()) {
            case "getAutoCommit":
                return autoCommit;
            case "setAutoCommit":
                setAutoCommit((Boolean) args[0]);
                return null;
            case "commit":
                commit();
                return null;
            case "rollback":
                if (args == null) {
                    rollback();
                    return null;
                }
                break;
            case "isReadOnly":
                return readOnly;
            case "setReadOnly":
                // The pinned transaction is already under way: the setting is remembered, not applied.
                readOnly = (Boolean) args[0];
                return null;
            case "getTransactionIsolation":
                if (transactionIsolation != null) return transactionIsolation;
                break;
            case "setTransactionIsolation":
                transactionIsolation = (Integer) args[0];
                return null;
            case "createStatement", "prepareStatement", "prepareCall":
                return statement(method, args);
            default:
                break;
        }
        return call(pin.connection(), method, args);
    }

    private void requireUsable() throws SQLException {
        if (pin.ended()) {
            throw new SQLException("Bind '" + pin.bindKey() + "': this connection belonged to a test's isolation, which"
                    + " has ended. It was taken at " + openedAt() + " on thread '" + thread + "'; close every context"
                    + " a test opens before the test ends.");
        }
        if (closed) throw new SQLException("Bind '" + pin.bindKey() + "': this connection is closed.");
    }

    static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void setAutoCommit(boolean on) throws SQLException {
        if (on == autoCommit) return;
        if (!on) {
            take();
            transactionBegunAt = CodeLocation.capture();
            orphaned = false;
            autoCommit = false;
            return;
        }
        try {
            commit();
        } finally {
            autoCommit = true;
            transactionBegunAt = null;
            pin.turns().give(this);
        }
    }

    private void take() {
        try {
            pin.turns().take(this);
        } catch (IsolationException e) {
            pin.isolation().failed(e);
            throw e;
        }
    }

    private void commit() throws SQLException {
        if (autoCommit) return;
        Savepoint begun = savepoint;
        savepoint = null;
        orphaned = false;
        if (begun != null) pin.release(begun);
    }

    private void rollback() throws SQLException {
        if (autoCommit) return;
        if (orphaned) {
            throw new SQLException("Bind '" + pin.bindKey() + "': this transaction began inside another one on the same"
                    + " thread, which ended first, so it cannot be rolled back on its own. While a test is isolated,"
                    + " transactions nested on one thread share its connection: end the inner one first.");
        }
        Savepoint begun = savepoint;
        if (begun != null) pin.rollbackTo(begun);
    }

    /** The savepoint of this lease's transaction went away: released with an outer one, or committed by DDL. */
    void savepointGone(boolean becauseOfAnOuterTransaction) {
        savepoint = null;
        orphaned = becauseOfAnOuterTransaction;
    }

    private Object statement(Method method, Object[] args) throws Throwable {
        take();
        try {
            if (!autoCommit && savepoint == null) savepoint = pin.savepoint(this);
            Statement statement = (Statement) call(pin.connection(), method, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            LeasedStatement leased = new LeasedStatement(this, statement, sql);
            statements.add(leased);
            return leased.proxy(method.getReturnType());
        } catch (Throwable e) {
            pin.turns().give(this);
            throw e;
        }
    }

    void statementClosed(LeasedStatement statement) {
        if (statements.remove(statement)) pin.turns().give(this);
    }

    private void close() throws SQLException {
        if (closed) return;
        closed = true;
        try {
            if (!pin.ended()) {
                List<LeasedStatement> open;
                synchronized (statements) {
                    open = new ArrayList<>(statements);
                }
                for (LeasedStatement statement : open) statement.closeQuietly();
                Savepoint begun = savepoint;
                // As a pool does: a transaction left open when its connection goes back is rolled back.
                if (!autoCommit && begun != null) {
                    pin.rollbackTo(begun);
                    pin.release(begun);
                }
            }
        } finally {
            autoCommit = true;
            savepoint = null;
            pin.turns().giveAll(this);
            pin.closed(this);
        }
    }
}
