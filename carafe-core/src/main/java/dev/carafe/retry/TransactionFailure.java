package dev.carafe.retry;

import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.session.CommitException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * What a failed transaction means for running it again. A {@link #CONFLICT} was rolled back by the
 * database because a concurrent transaction won (MariaDB/MySQL error 1213, a deadlock or a Galera
 * certification failure; SQLSTATE 40001, a serialization failure; PostgreSQL's 40P01, a deadlock):
 * nothing of it was applied, and the same work may well succeed now. A {@link #CONNECTION_LOST}
 * before any {@code COMMIT} was sent applied nothing either. A connection lost while the
 * {@code COMMIT} itself ran is {@link #AMBIGUOUS}: the database may have committed, so running the
 * work again could apply it twice.
 */
public enum TransactionFailure {
    /** Rolled back by the database on a deadlock, serialization failure or certification conflict. */
    CONFLICT(true),
    /** The connection broke before the transaction's {@code COMMIT} was sent: nothing was applied. */
    CONNECTION_LOST(true),
    /** The connection broke during {@code COMMIT}: the transaction may or may not be applied. */
    AMBIGUOUS(false),
    /** Any other failure: the application's or the data's, which running again would not cure. */
    OTHER(false);

    private static final int MYSQL_DEADLOCK = 1213;
    private static final int MAX_CAUSES = 32;

    private final boolean retryable;

    TransactionFailure(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * Tells whether running the whole transaction again is safe and may succeed.
     *
     * @return true for {@link #CONFLICT} and {@link #CONNECTION_LOST}
     */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Classifies a failure by its cause chain. A {@link CommitException} after which some bind
     * stayed committed is {@link #OTHER}: running the work again would apply those binds twice. So is
     * a {@link DatabaseUnavailableException}: the pool found no connection within its timeout.
     *
     * @param failure what the transaction's work or commit threw
     * @return what the failure means for running the transaction again
     */
    public static TransactionFailure of(Throwable failure) {
        boolean commitSent = false;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            // No connection within pool-timeout: the wait is spent, and another would only triple it.
            if (cause instanceof DatabaseUnavailableException) return OTHER;
            if (cause instanceof CommitException commit) {
                if (!commit.committedBinds().isEmpty()) return OTHER;
                commitSent |= commit.commitSent();
            }
            if (isConflict(cause)) return CONFLICT;
            if (isLostConnection(cause)) return commitSent ? AMBIGUOUS : CONNECTION_LOST;
        }
        return OTHER;
    }

    /**
     * Whether one exception, without its causes, is the database's refusal of a transaction that
     * lost to a concurrent one.
     *
     * @param cause one exception of a cause chain
     * @return whether it is a deadlock, a serialization failure or a certification conflict
     */
    public static boolean isConflict(Throwable cause) {
        if (!(cause instanceof SQLException sql)) return false;
        String state = sql.getSQLState();
        return sql.getErrorCode() == MYSQL_DEADLOCK || "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * Whether one exception, without its causes, says the connection to the database broke.
     * Hibernate translates most such driver errors into a {@link JDBCConnectionException}, but not
     * those of a commit, which reach the application as the driver's {@link SQLException}.
     *
     * @param cause one exception of a cause chain
     * @return whether it is a lost connection
     */
    public static boolean isLostConnection(Throwable cause) {
        if (cause instanceof JDBCConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
            return true;
        }
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        // SQLSTATE class 08 is "connection exception"; 57P01-57P03 are PostgreSQL's server shutting
        // down or killing the backend (pg_terminate_backend), which also ends the connection.
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
