package dev.carafe.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One statement a context executed, Flask-SQLAlchemy's recorded query: returned by
 * {@code db.recordedQueries()} when {@code record-queries} is on.
 *
 * @param bind the bind the statement ran on
 * @param statement the SQL with {@code ?} placeholders; values never appear in it
 * @param parameters the bound values, one list per execution (a batch has several); a value bound to a
 *     column named like a secret ({@code password_hash}, {@code api_key}, the names of
 *     {@code redact-parameters}), or to a placeholder whose column Carafe cannot tell, is {@code "***"}
 * @param startTime when the statement started
 * @param endTime when it finished
 * @param duration how long it took, measured with the monotonic clock
 * @param location the first frame of application code that ran it, such as
 *     {@code com.example.Views.index(Views.java:42)}, or {@code <unknown>}; its format may change,
 *     so match substrings
 * @param node the database server that ran it: {@code primary}, or a read replica such as
 *     {@code replica 10.0.0.7:5432} (see docs/replicas.md)
 */
public record RecordedQuery(String bind, String statement, List<List<Object>> parameters, Instant startTime,
        Instant endTime, Duration duration, String location, String node) {
    /**
     * Copies the parameter lists, so the record is immutable (null values are kept).
     *
     * @param bind the bind
     * @param statement the SQL
     * @param parameters the values of each execution
     * @param startTime the start
     * @param endTime the end
     * @param duration the duration
     * @param location the application frame
     * @param node the database server that ran it: {@code primary}, or a replica such as
     *     {@code replica 10.0.0.7:5432}
     */
    public RecordedQuery {
        parameters = parameters.stream().map(values -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values))).toList();
    }

    /**
     * Creates a record of a statement the primary ran.
     *
     * @param bind the bind
     * @param statement the SQL
     * @param parameters the values of each execution
     * @param startTime the start
     * @param endTime the end
     * @param duration the duration
     * @param location the application frame
     */
    public RecordedQuery(String bind, String statement, List<List<Object>> parameters, Instant startTime,
            Instant endTime, Duration duration, String location) {
        this(bind, statement, parameters, startTime, endTime, duration, location, "primary");
    }
}
