package dev.carafe.internal.observe;

import dev.carafe.observe.RecordedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one context's statements left behind: the recorded queries, and how often each statement
 * ran from each location (for N+1 detection). Synchronized, since a request's work may continue
 * on another thread.
 */
public final class ContextStatements {
    private final List<RecordedQuery> recorded = new ArrayList<>();
    private final Map<String, Integer> runs = new HashMap<>();

    synchronized void record(RecordedQuery query) {
        recorded.add(query);
    }

    /** Counts one more run of a statement from a location and returns the new count. */
    synchronized int countRun(String statement, String location) {
        return runs.merge(location + "\n" + statement, 1, Integer::sum);
    }

    /** Returns a copy of the recorded queries, in execution order. */
    public synchronized List<RecordedQuery> recorded() {
        return List.copyOf(recorded);
    }
}
