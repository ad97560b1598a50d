package dev.carafe.bind.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a bind's connections come from while a test isolates it: leases of one connection kept
 * for the whole test, instead of the pool's own connections.
 */
public interface ConnectionPin {

    /**
     * Lends the pinned connection to one Hibernate session or schema operation; closing the lease
     * returns nothing to the pool.
     *
     * @return the lease
     * @throws SQLException when the pinned connection cannot be had
     */
    Connection lease() throws SQLException;
}
