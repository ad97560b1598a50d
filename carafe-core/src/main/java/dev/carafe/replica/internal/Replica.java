package dev.carafe.replica.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read replica of a bind: its pool and a circuit breaker. A replica that failed is skipped
 * for a few seconds, then tried again by the next read. Thread-safe.
 */
final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.replica");
    /** How long a failed replica is left alone before a read tries it again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final String bind;
    private final String node;
    private final HikariDataSource pool;
    private final DataSource connections;
    private volatile boolean down;
    private volatile long retryAt;
    private volatile long caughtUpAt;
    private volatile boolean seenCaughtUp;

    Replica(String bind, String node, HikariDataSource pool, DataSource connections) {
        this.bind = bind;
        this.node = node;
        this.pool = pool;
        this.connections = connections;
    }

    /** The node name in recordings and metrics: {@code replica host:port}. */
    String node() {
        return node;
    }

    /** The pool, for checks that should not be recorded. */
    HikariDataSource pool() {
        return pool;
    }

    /** Where reads take their connections: the pool, or a statement-observing proxy of it. */
    DataSource connections() {
        return connections;
    }

    /** Tells whether reads may try this replica: it is up, or its pause after a failure is over. */
    boolean available() {
        return !down || System.nanoTime() - retryAt >= 0;
    }

    /** Skips the replica for {@link #RETRY_AFTER}, saying why once per failure. */
    void failed(Throwable cause) {
        retryAt = System.nanoTime() + RETRY_AFTER.toNanos();
        if (!down) {
            LOG.warn("Bind '{}': {} failed ({}); its reads go to the other replicas or the primary, and it is tried"
                    + " again in {} s", bind, node, cause == null ? "connection lost" : cause.getMessage(),
                    RETRY_AFTER.toSeconds());
        }
        down = true;
    }

    /** Marks the replica up after a read reached it. */
    void reached() {
        if (down) {
            down = false;
            LOG.info("Bind '{}': {} answers again and serves reads", bind, node);
        }
    }

    /** Remembers that a check found the replica had applied everything it received. */
    void caughtUp() {
        caughtUpAt = System.nanoTime();
        seenCaughtUp = true;
    }

    /**
     * Returns the time since a check last found the replica caught up: how stale it may be when
     * the database itself cannot tell.
     *
     * @return the time, or {@code null} when no check has found it caught up yet
     */
    Duration sinceCaughtUp() {
        return seenCaughtUp ? Duration.ofNanos(System.nanoTime() - caughtUpAt) : null;
    }

    void close() {
        pool.close();
    }
}
