package dev.carafe.javalin.internal;

import dev.carafe.observe.RecordedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One request as the debug view shows it.
 *
 * @param method the HTTP method
 * @param path the request path, without the query string
 * @param status the response status
 * @param time when the request finished
 * @param queries the statements its context recorded, in order
 * @param tenant the tenant of its context, or {@code null}
 */
record RequestRecord(String method, String path, int status, Instant time, List<RecordedQuery> queries, String tenant) {
    RequestRecord {
        queries = List.copyOf(queries);
    }

    /** The time of all its statements together. */
    Duration totalDuration() {
        Duration total = Duration.ZERO;
        for (RecordedQuery query : queries) total = total.plus(query.duration());
        return total;
    }
}
