package dev.carafe.observe.internal;

import dev.carafe.observe.NPlusOneException;
import dev.carafe.observe.NPlusOneMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one bind's statements through datasource-proxy: records them in the current context,
 * echoes them on {@code carafe.sql}, logs slow ones, counts repeats for N+1 detection and times
 * them for metrics. Parameters are recorded and echoed through a {@link ParameterRedactor}. Installed only when one of these is on, so an engine with all of them off
 * hands Hibernate the pool's own connections.
 */
public final class StatementObserver implements QueryExecutionListener {
    private static final Logger SQL = LoggerFactory.getLogger("carafe.sql");
    private static final String START_NANOS = "carafe.start";
    private static final String START_TIME = "carafe.startTime";
    private static final String LOCATION = "carafe.location";

    private final String bind;
    private final String node;
    private final Supplier<ContextStatements> currentContext;
    private final Settings configured;
    private volatile Settings settings;
    private final StatementTimer timer;

    /**
     * What to do with each statement.
     *
     * @param record whether to record statements in their context
     * @param echo whether to log every statement
     * @param nPlusOne what N+1 detection does
     * @param nPlusOneThreshold the repetitions that count as N+1
     * @param slowThreshold the duration above which a statement is slow; zero when off
     * @param redactor masks the values of secret columns before they are recorded or echoed
     */
    public record Settings(boolean record, boolean echo, NPlusOneMode nPlusOne, int nPlusOneThreshold,
            Duration slowThreshold, ParameterRedactor redactor) {
        /** Whether any of the settings needs the statements intercepted. */
        public boolean anyOn() {
            return record || echo || nPlusOne != NPlusOneMode.OFF || !slowThreshold.isZero();
        }

        /** Whether the statements need the application line that ran them. */
        public boolean needsLocation() {
            return record || nPlusOne != NPlusOneMode.OFF || !slowThreshold.isZero();
        }

        /** The same settings with echo on or off, as a bind's engine options say. */
        public Settings withEcho(boolean on) {
            return new Settings(record, on, nPlusOne, nPlusOneThreshold, slowThreshold, redactor);
        }

        /** The same settings with another N+1 mode. */
        public Settings withNPlusOne(NPlusOneMode mode) {
            return new Settings(record, echo, mode, nPlusOneThreshold, slowThreshold, redactor);
        }
    }

    public StatementObserver(String bind, String node, Supplier<ContextStatements> currentContext, Settings settings,
            StatementTimer timer) {
        this.bind = bind;
        this.node = node;
        this.currentContext = currentContext;
        this.configured = settings;
        this.settings = settings;
        this.timer = timer;
    }

    /**
     * Makes N+1 detection do something else than configured from the next statement on, as a
     * test's isolation asks for a block or a test class.
     *
     * @param mode the mode, or {@code null} for the configured one
     */
    void overrideNPlusOne(NPlusOneMode mode) {
        settings = mode == null ? configured : configured.withNPlusOne(mode);
    }

    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        if (settings.needsLocation()) {
            CodeLocation location = ApiCall.current();
            if (location == null) location = CodeLocation.capture();
            execution.addCustomValue(LOCATION, location);
            ContextStatements context = currentContext.get();
            if (settings.nPlusOne() != NPlusOneMode.OFF && context != null) detectNPlusOne(context, queries, location);
        }
        // Both clocks are read last, so the work above counts in neither the start time nor the duration.
        execution.addCustomValue(START_TIME, Instant.now());
        execution.addCustomValue(START_NANOS, System.nanoTime());
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        long nanos = System.nanoTime() - execution.getCustomValue(START_NANOS, Long.class);
        Duration duration = Duration.ofNanos(nanos);
        Instant start = execution.getCustomValue(START_TIME, Instant.class);
        CodeLocation location = execution.getCustomValue(LOCATION, CodeLocation.class);
        if (timer != null) timer.record(bind, node, nanos);
        ContextStatements context = settings.record() ? currentContext.get() : null;
        // Echo writes the statement at INFO, and its parameters only when carafe.sql logs DEBUG,
        // a level production logs do not keep by default.
        boolean echoParameters = settings.echo() && SQL.isDebugEnabled();
        for (QueryInfo query : queries) {
            List<List<Object>> parameters = context != null || echoParameters
                    ? settings.redactor().redact(query.getQuery(), parameters(query)) : null;
            if (context != null) context.record(bind, node, query.getQuery(), parameters, start, duration, location);
            if (echoParameters) {
                SQL.debug("[{}] {} | parameters {} | {} ms", echoName(), query.getQuery(), parameters, millis(duration));
            } else if (settings.echo() && SQL.isInfoEnabled()) {
                SQL.info("[{}] {} | {} ms", echoName(), query.getQuery(), millis(duration));
            }
        }
        if (!settings.slowThreshold().isZero() && duration.compareTo(settings.slowThreshold()) > 0) {
            SQL.warn("Slow statement on bind '{}': {} ms (threshold {} ms) at {}: {}", bind, millis(duration),
                    settings.slowThreshold().toMillis(), location.get(), statements(queries));
        }
    }

    private void detectNPlusOne(ContextStatements context, List<QueryInfo> queries, CodeLocation location) {
        String statement = statements(queries);
        // N+1 is a pattern of reads of rows one by one. Writes repeated in a loop are batched (or not)
        // by Hibernate; an id fetched after each insert or from a sequence, and a batch fetch of many
        // rows at once, are not reads of one row each.
        if (!isQuery(statement) || NPlusOneFilter.isIdRetrieval(statement) || NPlusOneFilter.isBatchFetch(statement)) {
            return;
        }
        int runs = context.countRun(statement, location, settings.nPlusOneThreshold());
        if (runs != settings.nPlusOneThreshold() || CodeLocation.UNKNOWN.equals(location.get())) return;
        String message = "N+1 query pattern: the same statement ran " + runs + " times in one context from "
                + location.get() + " on bind '" + bind + "': " + statement + ". Load the rows together instead, for"
                + " example with select.fetch(\"association\"), or raise n-plus-one-threshold.";
        if (settings.nPlusOne() == NPlusOneMode.RAISE) throw new NPlusOneException(message);
        SQL.warn(message);
    }

    private static boolean isQuery(String statement) {
        String start = statement.stripLeading();
        return start.regionMatches(true, 0, "select", 0, 6) || start.regionMatches(true, 0, "with", 0, 4);
    }

    private static String statements(List<QueryInfo> queries) {
        return queries.size() == 1 ? queries.get(0).getQuery()
                : String.join("; ", queries.stream().map(QueryInfo::getQuery).toList());
    }

    private static List<List<Object>> parameters(QueryInfo query) {
        List<List<Object>> all = new ArrayList<>();
        for (List<ParameterSetOperation> operations : query.getParametersList()) {
            List<ParameterSetOperation> sorted = new ArrayList<>(operations);
            sorted.sort(Comparator.comparingInt(StatementObserver::index));
            List<Object> values = new ArrayList<>(sorted.size());
            for (ParameterSetOperation operation : sorted) {
                Object[] args = operation.getArgs();
                values.add(operation.getMethod().getName().equals("setNull") || args.length < 2 ? null : args[1]);
            }
            all.add(values);
        }
        return all;
    }

    private static int index(ParameterSetOperation operation) {
        Object first = operation.getArgs().length > 0 ? operation.getArgs()[0] : null;
        return first instanceof Integer index ? index : Integer.MAX_VALUE;
    }

    private static String millis(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.3f", duration.toNanos() / 1_000_000.0);
    }

    private String echoName() {
        return "primary".equals(node) ? bind : bind + " " + node;
    }
}
