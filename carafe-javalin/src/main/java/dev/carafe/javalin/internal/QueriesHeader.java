package dev.carafe.javalin.internal;

import dev.carafe.Carafe;
import dev.carafe.observe.RecordedQuery;
import java.time.Duration;
import java.util.List;

/** The response header of the debug view: how many statements a request ran, and their total time. */
final class QueriesHeader {
    /** The header's name. */
    static final String NAME = "X-Carafe-Queries";

    private QueriesHeader() {}

    /** Returns, for example, {@code 21; 3.456 ms}. */
    static String value(List<RecordedQuery> queries) {
        Duration total = Duration.ZERO;
        for (RecordedQuery query : queries) total = total.plus(query.duration());
        return queries.size() + "; " + Millis.of(total) + " ms";
    }
}
