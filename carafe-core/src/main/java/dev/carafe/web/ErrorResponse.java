package dev.carafe.web;

import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.query.InvalidQueryException;
import dev.carafe.retry.TransactionFailure;
import dev.carafe.session.CommitException;
import dev.carafe.session.IntegrityException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.DataException;

/**
 * The HTTP response for one of Carafe's exceptions: a status, its reason phrase and a description
 * for the client. The description never names the schema, a bind or the pool's state: those are
 * in the exception's own message, which the web plugins log ({@link ErrorLog}). An
 * {@link ErrorFormat} writes it as JSON, HTML or plain text.
 *
 * @param status the HTTP status
 * @param error the status's reason phrase, such as {@code Not Found}
 * @param description what went wrong, for the client
 */
public record ErrorResponse(int status, String error, String description) {

    /**
     * The answer to an asynchronous request that timed out before it completed: 503, to be tried
     * again. Carafe's servlet filter sends it, after rolling back the request's work.
     */
    public static final ErrorResponse TIMED_OUT = new ErrorResponse(503, "Service Unavailable",
            "The request took too long to complete. Try again shortly.");

    /**
     * Returns the seconds a client should wait before sending the request again, for the
     * {@code Retry-After} header: 1 for a 503, which is always worth trying again, else 0 (no header).
     *
     * @return the seconds to wait, or 0 when there is nothing to retry
     */
    public int retryAfterSeconds() {
        return status == 503 ? 1 : 0;
    }

    /**
     * Returns the page for an exception Carafe maps to HTTP, or {@code null} for any other.
     *
     * @param exception what a handler threw
     * @return 404 for {@link NotFoundException}; 400 for {@link BadRequestException},
     *     {@link InvalidQueryException} (an attribute or value from the client that a select cannot
     *     use) and a value the database refused (Hibernate's {@link DataException}, SQLSTATE class
     *     22, such as a string too long for its column); 503 for {@link DatabaseUnavailableException} and for a lost database connection
     *     (Hibernate's {@code JDBCConnectionException}, or a driver's connection error such as
     *     SQLSTATE class 08 or a terminated PostgreSQL backend, also inside a {@link CommitException}) and
     *     for a transaction the database rolled back on a conflict ({@link TransactionFailure#isConflict});
     *     409 for an {@link IntegrityException} and a lost update ({@link OptimisticLockException},
     *     Hibernate's {@link StaleStateException}); {@code null} for anything else
     */
    public static ErrorResponse of(Throwable exception) {
        if (exception instanceof NotFoundException notFound) {
            return new ErrorResponse(404, "Not Found", notFound.description());
        }
        if (exception instanceof BadRequestException badRequest) {
            return new ErrorResponse(400, "Bad Request", badRequest.description());
        }
        if (exception instanceof InvalidQueryException invalid) {
            return new ErrorResponse(400, "Bad Request", invalid.description());
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException) {
                return new ErrorResponse(503, "Service Unavailable", "The database is unavailable. Try again shortly.");
            }
            if (TransactionFailure.isConflict(cause)) {
                return new ErrorResponse(503, "Service Unavailable",
                        "The request collided with another one changing the same data. Try again shortly.");
            }
            if (TransactionFailure.isLostConnection(cause)) {
                return new ErrorResponse(503, "Service Unavailable",
                        "The connection to the database was lost. Try again shortly.");
            }
            if (isDataException(cause)) {
                return new ErrorResponse(400, "Bad Request", "The database refused a value: too long for its column,"
                        + " out of range or not valid for its type.");
            }
            if (cause instanceof IntegrityException) {
                return new ErrorResponse(409, "Conflict", "The request conflicts with data already stored, such as a"
                        + " value that must be unique or a record that others still refer to.");
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return new ErrorResponse(409, "Conflict", "Someone else changed this record in the meantime. Load it"
                        + " again and repeat the change.");
            }
        }
        return null;
    }

    /**
     * Whether the database refused a value (SQLSTATE class 22, "data exception": a string too long
     * for its column, a NUL character in PostgreSQL text, a number out of range). Such values come
     * from the client, so the answer is a 400, without the database's own message.
     */
    private static boolean isDataException(Throwable cause) {
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        return cause instanceof DataException || (state != null && state.startsWith("22"));
    }
}
