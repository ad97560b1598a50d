package dev.carafe.web;

import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.query.InvalidQueryException;
import dev.carafe.session.CommitException;
import dev.carafe.session.IntegrityException;
import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.hibernate.StaleStateException;
import org.hibernate.exception.DataException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * The response for one of Carafe's HTTP-like exceptions: JSON
 * ({@code {"error": "Not Found", "description": "..."}}) for clients that accept JSON, an HTML page
 * for browsers, plain text otherwise. The description is escaped for the format.
 *
 * @param status the HTTP status
 * @param error the status's reason phrase, such as {@code Not Found}
 * @param description what went wrong, for the client
 */
public record ErrorResponse(int status, String error, String description) {

    /**
     * Returns the page for an exception Carafe maps to HTTP, or {@code null} for any other.
     *
     * @param exception what a handler threw
     * @return 404 for {@link NotFoundException}; 400 for {@link BadRequestException},
     *     {@link InvalidQueryException} (an attribute or value from the client that a select cannot
     *     use) and a value the database refused (Hibernate's {@link DataException}, SQLSTATE class
     *     22, such as a string too long for its column); 503 for {@link DatabaseUnavailableException} and for a lost database connection
     *     (Hibernate's {@link JDBCConnectionException}, or a driver's connection error such as
     *     SQLSTATE class 08 or a terminated PostgreSQL backend, also inside a {@link CommitException});
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
        String bind = exception instanceof CommitException commit ? commit.bindKey() : null;
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseUnavailableException unavailable) {
                String state = unavailable.poolState() == null ? "" : "; " + unavailable.poolState();
                return new ErrorResponse(503, "Service Unavailable", "The database is unavailable (bind '"
                        + unavailable.bindKey() + "'" + state + "). Try again shortly.");
            }
            if (isLostConnection(cause)) {
                return new ErrorResponse(503, "Service Unavailable", "The connection to the database was lost"
                        + (bind == null ? "" : " (bind '" + bind + "')") + ". Try again shortly.");
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
     * Whether an exception says the connection to the database broke. Hibernate translates most
     * such driver errors into a {@link JDBCConnectionException}, but not those of a commit, which
     * reach the application as the driver's {@link SQLException} inside a transaction exception.
     */
    private static boolean isLostConnection(Throwable cause) {
        if (cause instanceof JDBCConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
            return true;
        }
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        // SQLSTATE class 08 is "connection exception"; 57P01-57P03 are PostgreSQL's server shutting
        // down or killing the backend (pg_terminate_backend), which also ends the connection.
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
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

    /**
     * Chooses the format from a request's {@code Accept} header: JSON or HTML, whichever the
     * client rates higher (the one listed first on a tie), and plain text when it accepts neither
     * by name. A media range with {@code q=0} is one the client refuses.
     *
     * @param accept the header's value, or {@code null}
     * @return {@code application/json}, {@code text/html} or {@code text/plain}
     */
    public static String contentTypeFor(String accept) {
        double json = 0;
        double html = 0;
        int jsonAt = Integer.MAX_VALUE;
        int htmlAt = Integer.MAX_VALUE;
        String[] ranges = accept == null ? new String[0] : accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.contains("json") && quality > json) {
                json = quality;
                jsonAt = i;
            } else if (type.equals("text/html") && quality > html) {
                html = quality;
                htmlAt = i;
            }
        }
        if (json == 0 && html == 0) return "text/plain";
        return json > html || (json == html && jsonAt < htmlAt) ? "application/json" : "text/html";
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Math.min(1, Math.max(0, Double.parseDouble(parameter.substring(2))));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    /**
     * Renders the page in a format.
     *
     * @param contentType one of the types {@link #contentTypeFor(String)} returns
     * @return the response body
     */
    public String render(String contentType) {
        return switch (contentType) {
            case "application/json" -> "{\"error\": " + json(error) + ", \"description\": " + json(description) + "}";
            case "text/html" -> "<!doctype html>\n<html lang=en>\n<title>" + status + " " + html(error) + "</title>\n<h1>"
                    + html(error) + "</h1>\n<p>" + html(description) + "</p>\n";
            default -> status + " " + error + ": " + description + "\n";
        };
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
