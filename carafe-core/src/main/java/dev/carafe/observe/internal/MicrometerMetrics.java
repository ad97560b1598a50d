package dev.carafe.observe.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.config.ConfigException;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Publishes to Micrometer: HikariCP's own pool metrics ({@code hikaricp.connections.*}, tagged with
 * the pool name {@code carafe-<bind>}), a {@code carafe.statements} timer per bind and a
 * {@code carafe.transaction.retries} counter per reason ({@code conflict}, {@code connection_lost}). Loaded only
 * when the application gives Carafe a registry, so Micrometer stays an optional dependency.
 */
public final class MicrometerMetrics implements StatementTimer {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Publishes to a registry.
     *
     * @param registry an {@code io.micrometer.core.instrument.MeterRegistry}
     * @return the metrics
     * @throws ConfigException when it is not one, or Micrometer is not on the classpath
     */
    public static MicrometerMetrics of(Object registry) {
        try {
            return new MicrometerMetrics((MeterRegistry) registry);
        } catch (ClassCastException | NoClassDefFoundError e) {
            throw new ConfigException("meterRegistry(...) takes an io.micrometer.core.instrument.MeterRegistry; add"
                    + " io.micrometer:micrometer-core to your build. Got: " + registry.getClass().getName());
        }
    }

    /**
     * Makes the pool publish its metrics; call before the pool starts.
     *
     * @param pool the pool
     */
    public void instrument(HikariDataSource pool) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    /**
     * Counts one transaction run again.
     *
     * @param reason why, such as a conflict or a lost connection
     */
    public void retried(Enum<?> reason) {
        Counter.builder("carafe.transaction.retries")
                .description("Transactions Carafe ran again after a conflict or a lost connection")
                .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
    }

    @Override
    public void record(String bind, String node, long nanos) {
        timers.computeIfAbsent(bind + "\u0000" + node, key -> Timer.builder("carafe.statements")
                .description("Time of the SQL statements Carafe ran, per bind and node")
                .tag("bind", bind).tag("node", node).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
}
