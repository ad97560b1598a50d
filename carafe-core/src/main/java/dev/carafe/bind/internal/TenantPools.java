package dev.carafe.bind.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.config.EngineOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The pools of database tenancy: one per tenant, opened at the tenant's first use, at most
 * {@code tenant-pools-max} of them. Opening one more closes the least recently used pool, once its
 * connections are back (a pool in use is never closed under a request). Thread-safe.
 */
public final class TenantPools {
    private static final int DEFAULT_MAX = 20;

    private final String key;
    private final EngineOptions options;
    private final Function<String, DatabaseUrl> urls;
    private final Function<HikariDataSource, DataSource> observed;
    private final int max;
    private final LinkedHashMap<String, TenantPool> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Connection, TenantPool> leased = new IdentityHashMap<>();
    private final List<TenantPool> closing = new ArrayList<>();

    TenantPools(String key, EngineOptions options, Function<String, DatabaseUrl> urls,
            Function<HikariDataSource, DataSource> observed) {
        this.key = key;
        this.options = options;
        this.urls = urls;
        this.observed = observed;
        this.max = options.tenantPoolsMax() != null ? options.tenantPoolsMax() : DEFAULT_MAX;
    }

    /**
     * Returns the URL of a tenant's database.
     *
     * @param tenant a checked id
     * @return its URL
     */
    public DatabaseUrl urlOf(String tenant) {
        return urls.apply(tenant);
    }

    Connection getConnection(String tenant) throws SQLException {
        TenantPool pool = poolOf(tenant);
        Connection connection;
        try {
            connection = pool.connections.getConnection();
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                pool.leases--;
                closeIfDone(pool);
            }
            throw e;
        }
        synchronized (this) {
            leased.put(connection, pool);
        }
        return connection;
    }

    private synchronized TenantPool poolOf(String tenant) {
        TenantPool pool = open.get(tenant);
        if (pool == null) {
            evictDownTo(max - 1);
            HikariDataSource created = PoolFactory.create(key + "-" + tenant, urls.apply(tenant), options);
            pool = new TenantPool(created, observed.apply(created));
            open.put(tenant, pool);
        }
        pool.leases++;
        return pool;
    }

    void release(String tenant, Connection connection) throws SQLException {
        try {
            connection.close();
        } finally {
            synchronized (this) {
                TenantPool pool = leased.remove(connection);
                if (pool != null) {
                    pool.leases--;
                    closeIfDone(pool);
                }
            }
        }
    }

    /**
     * Closes a tenant's pool, if open, so its database can be dropped.
     *
     * @param tenant the tenant
     */
    public synchronized void close(String tenant) {
        TenantPool pool = open.remove(tenant);
        if (pool != null) retire(pool);
    }

    /**
     * Returns how many tenant pools are open (not counting those closing once their connections return).
     *
     * @return the count
     */
    public synchronized int openPools() {
        return open.size();
    }

    /** Closes every pool. */
    public synchronized void closeAll() {
        evictDownTo(0);
        closing.forEach(pool -> pool.dataSource.close());
        closing.clear();
    }

    private void evictDownTo(int size) {
        Iterator<TenantPool> oldestFirst = open.values().iterator();
        while (open.size() > size && oldestFirst.hasNext()) {
            TenantPool pool = oldestFirst.next();
            oldestFirst.remove();
            retire(pool);
        }
    }

    private void retire(TenantPool pool) {
        pool.retired = true;
        if (pool.leases == 0) pool.dataSource.close();
        else closing.add(pool);
    }

    private void closeIfDone(TenantPool pool) {
        if (pool.retired && pool.leases == 0) {
            closing.remove(pool);
            pool.dataSource.close();
        }
    }

    /** One tenant's pool and how many of its connections are out. */
    private static final class TenantPool {
        final HikariDataSource dataSource;
        final DataSource connections;
        int leases;
        boolean retired;

        TenantPool(HikariDataSource dataSource, DataSource connections) {
            this.dataSource = dataSource;
            this.connections = connections;
        }
    }
}
