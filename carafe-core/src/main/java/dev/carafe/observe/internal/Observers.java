package dev.carafe.observe.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * What watches the statements and pools of every bind: recording, echo, N+1 and slow-statement
 * detection, metrics. A bind whose statements nobody watches gets its pool unwrapped.
 *
 * @param settings what to do with each statement, before each bind's echo is applied
 * @param statements the current context's statement log, or {@code null} outside a context
 * @param metrics where metrics go, or {@code null}
 */
public record Observers(StatementObserver.Settings settings, Supplier<ContextStatements> statements,
        MicrometerMetrics metrics) {

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
        if (metrics != null) metrics.instrument(pool);
        StatementObserver.Settings observe = settings.withEcho(echo);
        if (!observe.anyOn() && metrics == null) return pool;
        StatementObserver observer = new StatementObserver(bind, statements, observe, metrics);
        return ProxyDataSourceBuilder.create("carafe-" + bind, pool).listener(observer).build();
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
