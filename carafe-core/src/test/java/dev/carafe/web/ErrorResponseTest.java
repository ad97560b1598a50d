package dev.carafe.web;

import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.config.ConfigException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.session.CommitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The error pages CarafeFilter (and the Javalin plugin) send: which exception, which format, what text. */
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
    void anUnavailableDatabaseIs503NamingTheBindButNotTheUrl() {
        DatabaseUnavailableException unavailable = new DatabaseUnavailableException("auth",
                "Bind 'auth' (postgresql://app:***@db/auth) gave no connection within 30000ms.", null);

        assertThat(ErrorResponse.of(unavailable)).isEqualTo(new ErrorResponse(503, "Service Unavailable",
                "The database is unavailable (bind 'auth'). Try again shortly."));
    }

    @Test
    void aConnectionKilledDuringACommitIs503NamingTheBind() {
        // Hibernate does not translate the driver's error at commit: it arrives as a TransactionException.
        var killed = new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01");
        var failure = new CommitException("auth", java.util.List.of("default"),
                new org.hibernate.TransactionException("Unable to commit against JDBC Connection", killed));

        assertThat(ErrorResponse.of(failure)).isEqualTo(new ErrorResponse(503, "Service Unavailable",
                "The connection to the database was lost (bind 'auth'). Try again shortly."));
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
    void otherCarafeExceptionsAreNotPages() {
        assertThat(ErrorResponse.of(new ConfigException("'database-url' is not set."))).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noAcceptHeaderGetsPlainText(String accept) {
        assertThat(ErrorResponse.contentTypeFor(accept)).isEqualTo("text/plain");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "*/*                                                                  | text/plain",
        "text/plain                                                           | text/plain",
        "application/json                                                     | application/json",
        "APPLICATION/JSON                                                     | application/json",
        "application/problem+json                                             | application/json",
        "application/json, text/plain, */*                                    | application/json",
        "application/json, text/javascript, */*; q=0.01                       | application/json",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8      | text/html",
        "text/html, application/json                                          | text/html",
        "application/json, text/html                                          | application/json",
        "text/html;q=0.5, application/json                                    | application/json",
        "application/json;q=0.2, text/html;q=0.8                              | text/html",
        "application/json;q=0, text/html                                      | text/html",
        "application/json;q=0                                                 | text/plain",
        "text/html; q=0, */*                                                  | text/plain",
    })
    void theFormatFollowsTheAcceptHeaderAndItsQualities(String accept, String contentType) {
        assertThat(ErrorResponse.contentTypeFor(accept)).isEqualTo(contentType);
    }

    @Test
    void jsonEscapesQuotesControlCharactersAndMarkup() {
        ErrorResponse page = new ErrorResponse(400, "Bad Request", "Say \"hi\"\tto <b>A&B</b> \\ now\n\u0001");

        assertThat(page.render("application/json")).isEqualTo("{\"error\": \"Bad Request\", \"description\":"
                + " \"Say \\\"hi\\\"\\tto \\u003cb\\u003eA\\u0026B\\u003c/b\\u003e \\\\ now\\n\\u0001\"}");
    }

    @Test
    void htmlEscapesTheDescription() {
        ErrorResponse page = new ErrorResponse(404, "Not Found", "No post named <script>alert('hi')</script> & \"co\".");

        assertThat(page.render("text/html")).isEqualTo("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
                + "<h1>Not Found</h1>\n<p>No post named &lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp;"
                + " &quot;co&quot;.</p>\n");
    }

    @Test
    void plainTextIsStatusErrorAndDescriptionOnOneLine() {
        ErrorResponse page = new ErrorResponse(404, "Not Found", "Post id 2 doesn't exist.");

        assertThat(page.render("text/plain")).isEqualTo("404 Not Found: Post id 2 doesn't exist.\n");
    }

    @Test
    void textOutsideAsciiIsKeptAsIsInEveryFormat() {
        ErrorResponse page = new ErrorResponse(404, "Not Found", "Le billet n°7 « 東京 » n'existe pas.");

        assertThat(page.render("application/json"))
                .isEqualTo("{\"error\": \"Not Found\", \"description\": \"Le billet n°7 « 東京 » n'existe pas.\"}");
        assertThat(page.render("text/html")).contains("<p>Le billet n°7 « 東京 » n&#39;existe pas.</p>");
        assertThat(page.render("text/plain")).isEqualTo("404 Not Found: Le billet n°7 « 東京 » n'existe pas.\n");
    }
}
