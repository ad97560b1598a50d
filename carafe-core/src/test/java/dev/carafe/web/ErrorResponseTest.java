package dev.carafe.web;

import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.config.ConfigException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.session.CommitException;
import dev.carafe.session.IntegrityException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.sql.SQLException;
import java.util.List;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of Carafe's exceptions become which HTTP responses, and what the client is told. */
class ErrorResponseTest {

    @Test
    void notFoundIs404WithItsDescription() {
        assertThat(ErrorResponse.of(new NotFoundException("Post id 2 doesn't exist.")))
                .isEqualTo(new ErrorResponse(404, "Not Found", "Post id 2 doesn't exist."));
    }

    @Test
    void notFoundWithoutADescriptionUsesWerkzeugsText() {
        assertThat(ErrorResponse.of(new NotFoundException())).isEqualTo(new ErrorResponse(404, "Not Found",
                "The requested URL was not found on the server. If you entered the URL manually please check your"
                        + " spelling and try again."));
    }

    @Test
    void badRequestIs400WithItsDescription() {
        assertThat(ErrorResponse.of(new BadRequestException("The cursor is not valid.")))
                .isEqualTo(new ErrorResponse(400, "Bad Request", "The cursor is not valid."));
    }

    @Test
    void anUnavailableDatabaseIs503NamingNeitherTheBindNorThePool() {
        DatabaseUnavailableException unavailable = new DatabaseUnavailableException("auth",
                "Bind 'auth' (postgresql://app:***@db/auth) gave no connection within 30000ms.",
                "total=2, active=2, idle=0, waiting=3", null);

        assertThat(ErrorResponse.of(unavailable)).isEqualTo(new ErrorResponse(503, "Service Unavailable",
                "The database is unavailable. Try again shortly."));
    }

    @Test
    void aConnectionKilledDuringACommitIs503WithoutNamingTheBind() {
        // Hibernate does not translate the driver's error at commit: it arrives as a TransactionException.
        var killed = new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01");
        var failure = new CommitException("auth", java.util.List.of("default"),
                new org.hibernate.TransactionException("Unable to commit against JDBC Connection", killed));

        assertThat(ErrorResponse.of(failure)).isEqualTo(new ErrorResponse(503, "Service Unavailable",
                "The connection to the database was lost. Try again shortly."));
    }

    @Test
    void aValueTheDatabaseRefusesIs400WithoutTheDatabasesMessage() {
        var tooLong = new java.sql.SQLException("value too long for type character varying(255)", "22001");
        var nul = new java.sql.SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        ErrorResponse page = new ErrorResponse(400, "Bad Request",
                "The database refused a value: too long for its column, out of range or not valid for its type.");

        assertThat(ErrorResponse.of(new org.hibernate.exception.DataException("could not execute statement", tooLong))).isEqualTo(page);
        assertThat(ErrorResponse.of(new org.hibernate.TransactionException("Unable to commit", nul))).isEqualTo(page);
    }

    @Test
    void aConstraintViolationAtCommitIsNotAPage() {
        var violation = new java.sql.SQLException("duplicate key value violates unique constraint", "23505");
        var failure = new CommitException("auth", java.util.List.of("default"),
                new org.hibernate.TransactionException("Unable to commit against JDBC Connection", violation));

        assertThat(ErrorResponse.of(failure)).isNull();
    }

    @Test
    void aRefusedWriteIs409NamingNothingOfTheSchema() {
        var refused = new IntegrityException("auth", "user_name_key",
                "Bind 'auth' refused the write: duplicate key value violates unique constraint \"user_name_key\".", null);

        assertThat(ErrorResponse.of(new CommitException("auth", List.of(), refused))).isEqualTo(new ErrorResponse(409,
                "Conflict", "The request conflicts with data already stored, such as a value that must be unique or a"
                        + " record that others still refer to."));
    }

    @Test
    void aLostUpdateIs409() {
        ErrorResponse page = new ErrorResponse(409, "Conflict",
                "Someone else changed this record in the meantime. Load it again and repeat the change.");

        assertThat(ErrorResponse.of(new OptimisticLockException("Row was updated or deleted by another transaction")))
                .isEqualTo(page);
        assertThat(ErrorResponse.of(new CommitException("default", List.of(), new RollbackException("Error while"
                + " committing", new StaleObjectStateException("Todo", 1L))))).isEqualTo(page);
    }

    @Test
    void aTransactionRolledBackOnAConflictIs503WithRetryAfter() {
        ErrorResponse page = new ErrorResponse(503, "Service Unavailable",
                "The request collided with another one changing the same data. Try again shortly.");

        assertThat(ErrorResponse.of(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isEqualTo(page);
        assertThat(ErrorResponse.of(new CommitException("default", List.of(), new RuntimeException(new SQLException(
                "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213)), true)))
                .isEqualTo(page);
        assertThat(page.retryAfterSeconds()).isEqualTo(1);
        assertThat(ErrorResponse.of(new NotFoundException()).retryAfterSeconds()).isZero();
    }

    @Test
    void otherCarafeExceptionsAreNotPages() {
        assertThat(ErrorResponse.of(new ConfigException("'database-url' is not set."))).isNull();
    }
}
