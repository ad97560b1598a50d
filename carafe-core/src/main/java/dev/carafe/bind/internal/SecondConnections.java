package dev.carafe.bind.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Serves the connections a thread asks for while it already holds one of the bind's: Hibernate's
 * table-based id generators allocate ids in a transaction of their own, on a second connection, in
 * the middle of a session that holds the first. From the bind's pool, N sessions holding its N
 * connections would each wait for a second one until the pool timeout; from this small pool of
 * its own (two connections, opened on first use), they take turns for a few milliseconds.
 * Thread-safe.
 */
final class SecondConnections {
    private final Supplier<DataSource> pool;
    private final Map<Connection, Thread> holders = new ConcurrentHashMap<>();
    private final Map<Thread, Integer> held = new ConcurrentHashMap<>();
    private volatile DataSource opened;

    SecondConnections(Supplier<DataSource> pool) {
        this.pool = pool;
    }

    /** Whether the calling thread holds one of the bind's connections already. */
    boolean neededByThisThread() {
        return held.containsKey(Thread.currentThread());
    }

    /** Takes a second connection from the small pool. */
    Connection get() throws SQLException {
        DataSource source = opened;
        if (source == null) {
            synchronized (this) {
                if (opened == null) opened = pool.get();
                source = opened;
            }
        }
        return source.getConnection();
    }

    /** Notes that the calling thread took a connection of the bind's pool. */
    void tookFirst(Connection connection) {
        Thread thread = Thread.currentThread();
        holders.put(connection, thread);
        held.merge(thread, 1, Integer::sum);
    }

    /** Notes that a connection went back, on whichever thread the session closed. */
    void returned(Connection connection) {
        Thread thread = holders.remove(connection);
        if (thread != null) held.computeIfPresent(thread, (t, count) -> count == 1 ? null : count - 1);
    }

    /** Closes the small pool if it was opened. */
    void close() {
        if (opened instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing at shutdown: nothing is waiting on it.
            }
        }
    }
}
