package dev.carafe.observe.internal;

import dev.carafe.observe.RecordedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one context's statements left behind: the recorded queries, and how often each statement
 * ran from each location (for N+1 detection). Locations are named only when read, or when a
 * statement has run often enough to be an N+1 candidate. Synchronized, since a request's work may
 * continue on another thread.
 */
public final class ContextStatements {
    private final List<Executed> recorded = new ArrayList<>();
    private final Map<String, Runs> runs = new HashMap<>();

    /** One execution, kept until the recorded queries are read. */
    private record Executed(String bind, String node, String statement, List<List<Object>> parameters, Instant start,
            Duration duration, CodeLocation location) {
        RecordedQuery toRecordedQuery() {
            return new RecordedQuery(bind, statement, parameters, start, start.plus(duration), duration, location.get(),
                    node);
        }
    }

    /** The runs of one statement: uncounted locations until the statement repeats often, then counts per location. */
    private static final class Runs {
        List<CodeLocation> unnamed = new ArrayList<>();
        final Map<String, Integer> perLocation = new HashMap<>();
    }

    synchronized void record(String bind, String node, String statement, List<List<Object>> parameters, Instant start,
            Duration duration, CodeLocation location) {
        recorded.add(new Executed(bind, node, statement, parameters, start, duration, location));
    }

    /**
     * Counts one more run of a statement and returns how often it has now run from the same
     * location; 0 while the statement has run fewer than {@code threshold} times in all, as no
     * location can have reached the threshold yet.
     */
    synchronized int countRun(String statement, CodeLocation location, int threshold) {
        Runs counted = runs.computeIfAbsent(statement, s -> new Runs());
        if (counted.unnamed != null && counted.unnamed.size() + 1 < threshold) {
            counted.unnamed.add(location);
            return 0;
        }
        if (counted.unnamed != null) {
            for (CodeLocation earlier : counted.unnamed) counted.perLocation.merge(earlier.get(), 1, Integer::sum);
            counted.unnamed = null;
        }
        return counted.perLocation.merge(location.get(), 1, Integer::sum);
    }

    /** Returns the recorded queries, in execution order, with their locations named. */
    public List<RecordedQuery> recorded() {
        List<Executed> executed;
        synchronized (this) {
            executed = List.copyOf(recorded);
        }
        return executed.stream().map(Executed::toRecordedQuery).toList();
    }
}
