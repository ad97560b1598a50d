package dev.carafe.isolation.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement of a {@link LeasedConnection}: tells the isolation of each execution (to record it,
 * and to notice DDL that commits by itself), gives the lease's turn back when closed, and on
 * PostgreSQL runs a statement outside a transaction inside a savepoint of its own, since a failed
 * statement would otherwise spoil the test's whole transaction.
 */
final class LeasedStatement implements InvocationHandler {
    private final LeasedConnection lease;
    private final Statement statement;
    private final String prepared;
    private final List<String> batch = new ArrayList<>();
    private boolean closed;

    LeasedStatement(LeasedConnection lease, Statement statement, String prepared) {
        this.lease = lease;
        this.statement = statement;
        this.prepared = prepared;
    }

    Object proxy(Class<?> type) {
        return Proxy.newProxyInstance(LeasedStatement.class.getClassLoader(), new Class<?>[] {type}, this);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "toString":
                return statement.toString();
            case "hashCode":
                return System.identityHashCode(self);
            case "equals":
                return self == args[0];
            case "close":
                close();
                return null;
            case "isClosed":
                return closed;
            case "getConnection":
                return lease.proxy();
            case "addBatch":
                if (args != null && args[0] instanceof String sql) batch.add(sql);
                break;
            case "clearBatch":
                batch.clear();
                break;
            default:
                if (name.startsWith("execute")) return execute(method, args);
                break;
        }
        return LeasedConnection.call(statement, method, args);
    }

    private Object execute(Method method, Object[] args) throws Throwable {
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text
                : prepared != null ? prepared : String.join("; ", batch);
        PinnedConnection pin = lease.pin();
        pin.beforeExecute(sql);
        try {
            if (lease.inAutoCommit() && pin.failureAbortsTransaction()) return inSavepoint(pin.connection(), method, args);
            return LeasedConnection.call(statement, method, args);
        } catch (RuntimeException e) {
            pin.isolation().failed(e);
            throw e;
        } finally {
            if (method.getName().endsWith("Batch")) batch.clear();
        }
    }

    private Object inSavepoint(Connection connection, Method method, Object[] args) throws Throwable {
        Savepoint savepoint = connection.setSavepoint();
        Object result;
        try {
            result = LeasedConnection.call(statement, method, args);
        } catch (SQLException e) {
            try {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }

    private void close() throws SQLException {
        if (closed) return;
        closed = true;
        try {
            statement.close();
        } finally {
            lease.statementClosed(this);
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (SQLException e) {
            // The lease is closing; the pinned connection's rollback ends whatever the statement held.
        }
    }
}
