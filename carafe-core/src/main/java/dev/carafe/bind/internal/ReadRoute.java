package dev.carafe.bind.internal;

import java.sql.SQLException;
import org.hibernate.JDBCException;
import org.hibernate.SessionEventListener;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * Where one Hibernate session of a bind with replicas reads: a replica until it writes (or a
 * replica fails under it), the primary from then on. Hibernate tells it when the session takes a
 * connection, so the bind's provider knows which session asks. Used by one thread at a time.
 */
public final class ReadRoute implements SessionEventListener {
    private static final long serialVersionUID = 1L;
    /** The primary's node name, in recordings and metrics. */
    public static final String PRIMARY = "primary";
    private static final ThreadLocal<ReadRoute> ACQUIRING = new ThreadLocal<>();

    private final String bind;
    private final transient ReadPositions positions;
    private boolean primaryOnly;
    private String node = PRIMARY;

    /**
     * Creates the route of a session.
     *
     * @param bind the bind key
     * @param positions the context's read-your-writes state
     */
    public ReadRoute(String bind, ReadPositions positions) {
        this.bind = bind;
        this.positions = positions;
    }

    /**
     * Returns the route of the session taking a connection on this thread right now.
     *
     * @return the route, or {@code null} when no routed session is taking one
     */
    static ReadRoute acquiring() {
        return ACQUIRING.get();
    }

    @Override
    public void jdbcConnectionAcquisitionStart() {
        ACQUIRING.set(this);
    }

    @Override
    public void jdbcConnectionAcquisitionEnd() {
        ACQUIRING.remove();
    }

    /**
     * Tells whether the session must read from the primary.
     *
     * @return whether it wrote, or a replica failed under it
     */
    public boolean primaryOnly() {
        return primaryOnly || positions.primaryOnly();
    }

    /**
     * Returns the primary position a replica must have replayed to serve this session.
     *
     * @return the position, or {@code null} for none
     */
    public String requiredPosition() {
        return positions.required(bind);
    }

    /**
     * Records which node the session's connection reaches.
     *
     * @param nodeName the node
     */
    public void connectedTo(String nodeName) {
        this.node = nodeName;
    }

    /**
     * Moves the session to the primary before its first write: a replica connection it holds goes
     * back, and the next statement takes one of the primary.
     *
     * @param session the session
     */
    public void toPrimary(org.hibernate.Session session) {
        primaryOnly = true;
        if (PRIMARY.equals(node)) return;
        node = PRIMARY;
        session.unwrap(SessionImplementor.class).getJdbcCoordinator().getLogicalConnection().manualDisconnect();
    }

    /**
     * Decides whether a read that failed should run again on the primary: when it ran on a replica
     * whose connection broke and the session has not written. Then the session moves to the primary
     * and the replica is skipped for a while.
     *
     * @param session the session
     * @param failure what the read threw
     * @param replicas the bind's replicas
     * @return whether to run the read again
     */
    public boolean readAgainOnPrimary(org.hibernate.Session session, RuntimeException failure, ReadConnections replicas) {
        if (primaryOnly || PRIMARY.equals(node) || !lostConnection(failure)) return false;
        replicas.failed(node);
        toPrimary(session);
        return true;
    }

    private static boolean lostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = cause instanceof JDBCException jdbc ? jdbc.getSQLState()
                    : cause instanceof SQLException sql ? sql.getSQLState() : null;
            // 08: connection exceptions; 57P01-57P03: the server shut down or cannot take connections.
            if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) return true;
            if (cause.getCause() == cause) break;
        }
        return false;
    }
}
