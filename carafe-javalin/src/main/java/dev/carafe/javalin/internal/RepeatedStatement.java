package dev.carafe.javalin.internal;

import dev.carafe.Carafe;
import dev.carafe.observe.RecordedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An N+1 warning of the debug view: one SELECT that a request ran at least as often as the N+1
 * threshold from one line of application code. Found from the recorded statements with the same
 * rule as Carafe's own N+1 detection, so it shows whether or not {@code n-plus-one} is on.
 *
 * @param bind the bind the statement ran on
 * @param statement the SQL
 * @param location the application frame that ran it
 * @param count how often it ran from there
 */
record RepeatedStatement(String bind, String statement, String location, int count) {
    static List<RepeatedStatement> find(List<RecordedQuery> queries, int threshold) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (RecordedQuery query : queries) {
            if (query.location() == null || query.location().equals("<unknown>") || !isQuery(query.statement())) continue;
            counts.merge(List.of(query.bind(), query.statement(), query.location()), 1, Integer::sum);
        }
        List<RepeatedStatement> repeated = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (count >= threshold) repeated.add(new RepeatedStatement(key.get(0), key.get(1), key.get(2), count));
        });
        return repeated;
    }

    private static boolean isQuery(String statement) {
        String start = statement.stripLeading();
        return start.regionMatches(true, 0, "select", 0, 6) || start.regionMatches(true, 0, "with", 0, 4);
    }
}
