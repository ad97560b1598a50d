package dev.carafe.observe.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.observe.NPlusOneMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * What watches the statements and pools of every bind: recording, echo, N+1 and slow-statement
 * detection, metrics. A bind whose statements nobody watches gets its pool unwrapped. Thread-safe.
 */
public final class Observers {
    private final StatementObserver.Settings settings;
    private final Supplier<ContextStatements> statements;
    private final MicrometerMetrics metrics;
    private final List<StatementObserver> observers = new CopyOnWriteArrayList<>();
    private volatile NPlusOneMode nPlusOneOverride;

    /**
     * Creates the observers of one Carafe instance.
     *
     * @param settings what to do with each statement, before each bind's echo is applied
     * @param statements the current context's statement log, or {@code null} outside a context
     * @param metrics where metrics go, or {@code null}
     */
    public Observers(StatementObserver.Settings settings, Supplier<ContextStatements> statements,
            MicrometerMetrics metrics) {
        this.settings = settings;
        this.statements = statements;
        this.metrics = metrics;
    }

    /**
     * Instruments a bind's pool and returns where its connections should come from: the pool
     * itself, or a proxy of it that observes each statement.
     *
     * @param bind the bind key
     * @param echo whether this bind echoes its statements
     * @param pool the bind's pool
     * @return the pool or its observing proxy
     */
    public DataSource watch(String bind, boolean echo, HikariDataSource pool) {
        return watch(bind, "primary", echo, pool);
    }

    /**
     * Instruments one node's pool of a bind: the primary's, or a replica's.
     *
     * @param bind the bind key
     * @param node the node's name in recordings and metrics: {@code primary} or {@code replica host:port}
     * @param echo whether this bind echoes its statements
     * @param pool the node's pool
     * @return the pool or its observing proxy
     */
    public DataSource watch(String bind, String node, boolean echo, HikariDataSource pool) {
        if (metrics != null) metrics.instrument(pool);
        StatementObserver.Settings observe = settings.withEcho(echo);
        if (!observe.anyOn() && metrics == null) return pool;
        return observed(bind, node, observe, metrics, pool);
    }

    /**
     * Returns a proxy of a pool whose statements are observed even though nothing is switched on,
     * so that a test can switch N+1 detection on ({@link #overrideNPlusOne}). For the connection a
     * test's isolation keeps, on a bind {@link #watch} left unwrapped.
     *
     * @param bind the bind key
     * @param echo whether this bind echoes its statements
     * @param pool the bind's pool
     * @return the observing proxy
     */
    public DataSource watchAlways(String bind, boolean echo, DataSource pool) {
        return observed(bind, "primary", settings.withEcho(echo), null, pool);
    }

    private DataSource observed(String bind, String node, StatementObserver.Settings observe, StatementTimer timer,
            DataSource pool) {
        StatementObserver observer = new StatementObserver(bind, node, statements, observe, timer);
        observers.add(observer);
        NPlusOneMode override = nPlusOneOverride;
        if (override != null) observer.overrideNPlusOne(override);
        return ProxyDataSourceBuilder.create("carafe-" + bind, pool).listener(observer).build();
    }

    /**
     * Sets what N+1 detection does on every bind from now on, whatever was configured, or goes back
     * to the configured mode.
     *
     * @param mode the mode, or {@code null} for the configured one
     */
    public void overrideNPlusOne(NPlusOneMode mode) {
        nPlusOneOverride = mode;
        for (StatementObserver observer : observers) observer.overrideNPlusOne(mode);
    }

    /**
     * Tells whether statements need the line of application code that ran them.
     *
     * @return whether locations are watched
     */
    public boolean needLocations() {
        return settings.needsLocation();
    }
}
