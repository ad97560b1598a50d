package dev.carafe.bind.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.carafe.bind.Engine;
import dev.carafe.config.EngineOptions;
import dev.carafe.observe.internal.Observers;
import dev.carafe.tenant.Tenancy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;

/**
 * One bind: its engine (a HikariCP pool, with its statement observers) and its Hibernate side (the
 * mapping of its models and the session factory). Closing it closes both. Thread-safe.
 */
public final class Bind implements Engine {
    private final String key;
    private final DatabaseUrl url;
    private final HikariDataSource pool;
    private final boolean echo;
    private final boolean echoPool;
    private final BindHibernate hibernate;
    private final SecondConnections seconds;
    private final BindConnectionProvider provider;
    private final DataSource connections;
    private final Observers observers;
    private final Tenancy tenancy;
    private final TenantConnections tenantConnections;
    private DataSource observedForPinning;
    private volatile ReadConnections replicas;

    private Bind(String key, DatabaseUrl url, HikariDataSource pool, boolean echo, boolean echoPool,
            BindHibernate hibernate, SecondConnections seconds, BindConnectionProvider provider, DataSource connections,
            Observers observers, Tenancy tenancy, TenantConnections tenantConnections) {
        this.key = key;
        this.url = url;
        this.pool = pool;
        this.echo = echo;
        this.echoPool = echoPool;
        this.hibernate = hibernate;
        this.seconds = seconds;
        this.provider = provider;
        this.connections = connections;
        this.observers = observers;
        this.tenancy = tenancy;
        this.tenantConnections = tenantConnections;
    }

    /**
     * Creates a bind's pool (without connecting), installs its observers and starts mapping its
     * models; the session factory finishes building in the background.
     *
     * @param key the bind key
     * @param url the bind's parsed URL
     * @param options the bind's resolved engine options
     * @param observers what watches the bind's statements
     * @param models the bind's models
     * @param hibernateSettings extra Hibernate settings
     * @param tenantUrls the URL of each tenant's database, for database tenancy
     * @return the bind
     * @throws dev.carafe.config.ConfigException for a missing driver or a mapping error
     */
    public static Bind start(String key, DatabaseUrl url, EngineOptions options, Observers observers,
            List<Class<?>> models, Map<String, Object> hibernateSettings, Function<String, DatabaseUrl> tenantUrls) {
        HikariDataSource pool = PoolFactory.create(key, url, options);
        try {
            boolean echo = Boolean.TRUE.equals(options.echo());
            boolean echoPool = Boolean.TRUE.equals(options.echoPool());
            DataSource connections = observers.watch(key, echo, pool);
            // SQLite has one writer: a second connection could not write while the first holds the lock.
            SecondConnections seconds = url.kind() == DatabaseKind.SQLITE ? null
                    : new SecondConnections(() -> PoolFactory.createSecond(key, url, options));
            BindConnectionProvider provider = new BindConnectionProvider(key, url.displayUrl(), pool, connections,
                    echoPool, seconds);
            Tenancy tenancy = options.tenancy();
            TenantConnections tenantConnections = BindTenancy.connections(key, url, options, provider,
                    created -> observers.watch(key, echo, created), tenantUrls);
            BindTenancy.requireTenantColumns(key, tenancy, models);
            BindHibernate hibernate = BindHibernate.start(key, url, provider, models,
                    BindTenancy.settings(hibernateSettings, tenantConnections));
            return new Bind(key, url, pool, echo, echoPool, hibernate, seconds, provider, connections, observers,
                    tenancy, tenantConnections);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Returns the bind's session factory, waiting for Hibernate to finish building it.
     *
     * @return the session factory
     * @throws dev.carafe.config.ConfigException when Hibernate could not build it
     */
    public SessionFactory sessionFactory() {
        return hibernate.sessionFactory();
    }

    /**
     * Returns the boot-time mapping of the bind's models, which schema management reads.
     *
     * @return the mapping
     */
    public Metadata mapping() {
        return hibernate.mapping();
    }

    /**
     * Returns the kind of database the bind's URL names.
     *
     * @return the database kind
     */
    public DatabaseKind kind() {
        return url.kind();
    }

    /**
     * Returns how the bind keeps tenants apart, or {@code null} when it serves one tenant.
     *
     * @return the tenancy
     */
    public Tenancy tenancy() {
        return tenancy;
    }

    /**
     * Returns the bind's tenant connections, or {@code null} unless it keeps a schema or database per tenant.
     *
     * @return the tenant connections
     */
    public TenantConnections tenantConnections() {
        return tenantConnections;
    }

    /**
     * Makes every connection the bind hands out from now on a lease of the pin, until {@link #unpin()}.
     *
     * @param pin the pin
     */
    public void pin(ConnectionPin pin) {
        provider.pin(pin);
    }

    /** Goes back to the pool's own connections. */
    public void unpin() {
        provider.pin(null);
    }

    /**
     * Tells whether the bind's connections are pinned (a test isolates it).
     *
     * @return whether a pin is set
     */
    public boolean pinned() {
        return provider.pinned();
    }

    /**
     * Takes the connection a pin keeps for the test: from the pool, through the bind's statement
     * observers. A bind that observes nothing gets an observer now, which does nothing until a test
     * switches N+1 detection on.
     *
     * @return a connection of the pool
     * @throws dev.carafe.bind.DatabaseUnavailableException when the pool gives none
     */
    public Connection connectionToPin() {
        return provider.connection(observedForPinning());
    }

    private synchronized DataSource observedForPinning() {
        if (connections != pool) return connections;
        if (observedForPinning == null) observedForPinning = observers.watchAlways(key, echo, pool);
        return observedForPinning;
    }

    /**
     * Returns how long a thread waits for a connection of this bind before giving up.
     *
     * @return the pool timeout
     */
    public Duration poolTimeout() {
        return Duration.ofMillis(pool.getConnectionTimeout());
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String url() {
        return url.displayUrl();
    }

    @Override
    public String jdbcUrl() {
        return url.jdbcUrl();
    }

    @Override
    public String database() {
        return url.kind().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean echo() {
        return echo;
    }

    @Override
    public boolean echoPool() {
        return echoPool;
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public int activeConnections() {
        HikariPoolMXBean counts = pool.getHikariPoolMXBean();
        return counts == null ? 0 : counts.getActiveConnections();
    }

    @Override
    public int idleConnections() {
        HikariPoolMXBean counts = pool.getHikariPoolMXBean();
        return counts == null ? 0 : counts.getIdleConnections();
    }

    @Override
    public int totalConnections() {
        HikariPoolMXBean counts = pool.getHikariPoolMXBean();
        return counts == null ? 0 : counts.getTotalConnections();
    }

    @Override
    public int threadsAwaitingConnection() {
        HikariPoolMXBean counts = pool.getHikariPoolMXBean();
        return counts == null ? 0 : counts.getThreadsAwaitingConnection();
    }

    @Override
    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    /**
     * Gives the bind read replicas: sessions opened with a {@link ReadRoute} read from them until they write.
     *
     * @param readConnections the replicas
     */
    public void useReplicas(ReadConnections readConnections) {
        this.replicas = readConnections;
        provider.replicas(readConnections);
    }

    /**
     * Returns the bind's replicas.
     *
     * @return the replicas, or {@code null} when it has none
     */
    public ReadConnections replicas() {
        return replicas;
    }

    /**
     * Returns the primary's position now, for read-your-writes after a commit.
     *
     * @return the position, or {@code null} when the bind has no replicas or the database does not tell
     */
    public String primaryPosition() {
        if (replicas == null) return null;
        try (Connection connection = pool.getConnection()) {
            return replicas.primaryPosition(connection);
        } catch (SQLException e) {
            return null;
        }
    }

    /** Closes the session factory, ends an in-memory H2 database, and closes the pool and any replicas' pools. */
    public void close() {
        try {
            hibernate.close();
        } finally {
            shutdownInMemoryH2();
            pool.close();
            if (seconds != null) seconds.close();
            if (replicas != null) replicas.close();
            if (tenantConnections != null && tenantConnections.pools() != null) tenantConnections.pools().closeAll();
        }
    }

    private void shutdownInMemoryH2() {
        // DB_CLOSE_DELAY=-1 keeps an in-memory H2 database alive for the JVM; end it with its bind.
        if (url.kind() != DatabaseKind.H2 || !url.inMemory() || pool.getHikariPoolMXBean() == null) return;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException | RuntimeException e) {
            // The database is going away either way.
        }
    }

    /** Describes the engine as {@code <Engine auth sqlite:///auth.db>}, password masked. */
    @Override
    public String toString() {
        return "<Engine " + key + " " + url.displayUrl() + ">";
    }
}
