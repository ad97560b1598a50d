package dev.carafe.session.internal;

import dev.carafe.session.IntegrityException;
import java.sql.SQLException;
import java.util.Locale;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Turns a write the database refused for a constraint into an {@link IntegrityException} that names
 * the bind and the constraint, whether Hibernate translated the driver's error (at a flush) or not
 * (a deferred constraint checked at {@code COMMIT} reaches the application as the driver's
 * {@link SQLException}, SQLSTATE class 23).
 */
final class IntegrityErrors {
    private IntegrityErrors() {}

    /**
     * Returns the integrity error a failure stands for, or the failure itself.
     *
     * @param bind the bind the failure happened on
     * @param session the bind's Hibernate session, whose dialect reads constraint names
     * @param failure what Hibernate or the driver threw
     * @return an {@link IntegrityException}, or {@code failure}
     */
    static RuntimeException translate(String bind, Session session, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IntegrityException) return failure;
            if (cause instanceof ConstraintViolationException violation) {
                return integrity(bind, violation.getConstraintName(), kind(violation.getKind()),
                        violation.getSQLException(), failure);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                String name = dialect(session).getViolatedConstraintNameExtractor().extractConstraintName(sql);
                return integrity(bind, name, "a", sql, failure);
            }
            if (cause.getCause() == cause) break;
        }
        return failure;
    }

    private static Dialect dialect(Session session) {
        return session.getSessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
    }

    private static IntegrityException integrity(String bind, String constraint, String kind, SQLException sql,
            RuntimeException failure) {
        String named = constraint == null ? kind + " constraint" : kind + " constraint '" + constraint + "'";
        String state = sql == null || sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")";
        String database = sql == null || sql.getMessage() == null ? "" : " The database said: " + sql.getMessage().strip();
        return new IntegrityException(bind, constraint, "Bind '" + bind + "': the database refused the write because of "
                + named + state + ": a value that must be unique is taken, a referenced row does not exist or is"
                + " still referenced, or a required value is missing. Check before writing, or catch"
                + " IntegrityException; the web plugins answer it with 409." + database, failure);
    }

    private static String kind(ConstraintViolationException.ConstraintKind kind) {
        if (kind == null || kind == ConstraintViolationException.ConstraintKind.OTHER) return "a";
        return switch (kind) {
            case UNIQUE -> "the unique";
            case FOREIGN_KEY -> "the foreign key";
            case NOT_NULL -> "the not-null";
            case CHECK -> "the check";
            default -> "the " + kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
