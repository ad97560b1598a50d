package dev.carafe.bind.internal;

import dev.carafe.tenant.Tenancy;
import dev.carafe.tenant.TenantIds;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate's connections of a bind that keeps a schema or a database per tenant. Schema tenancy
 * shares the bind's pool: each checkout switches the connection to the tenant's schema (on MariaDB
 * and MySQL its database, with {@code setCatalog}) and each return switches it back, so no connection
 * carries one tenant into another's work. Database tenancy takes the connection from the tenant's
 * own pool ({@link TenantPools}). Every id is checked again here, the last step before SQL.
 *
 * <p>Carafe does this itself rather than through Hibernate's {@code TenantSchemaMapper}, which only
 * calls {@code Connection.setSchema}: MariaDB's driver ignores that.
 */
public final class TenantConnections implements MultiTenantConnectionProvider<String> {
    /** The table of known tenants, in the own schema (or database) of each bind that keeps tenants apart. */
    public static final String REGISTRY_TABLE = "carafe_tenants";

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<String> SCHEMA_WORK = new ThreadLocal<>();

    private final Tenancy tenancy;
    private final DatabaseKind kind;
    private final String homeDatabase;
    private final transient BindConnectionProvider home;
    private final transient TenantPools pools;
    private transient volatile String homeSchema;

    TenantConnections(Tenancy tenancy, DatabaseKind kind, String homeDatabase, BindConnectionProvider home,
            TenantPools pools) {
        this.tenancy = tenancy;
        this.kind = kind;
        this.homeDatabase = homeDatabase;
        this.home = home;
        this.pools = pools;
    }

    /**
     * Returns the name of a tenant's schema: the id on PostgreSQL and H2 (which Carafe runs with
     * lower-case names); on MariaDB and MySQL, where schemas of all applications share the server's one
     * namespace, the bind's database name, an underscore and the id ({@code app_acme}).
     *
     * @param tenant a checked id
     * @return the schema (or database) name
     */
    public String schemaOf(String tenant) {
        return kind.isMySqlFamily() && homeDatabase != null ? homeDatabase + "_" + tenant : tenant;
    }

    /**
     * Returns how the bind keeps tenants apart: schema or database.
     *
     * @return the tenancy
     */
    public Tenancy tenancy() {
        return tenancy;
    }

    /**
     * Returns the database a server URL names (PostgreSQL, MariaDB, MySQL), or {@code null} for an
     * embedded database, which its driver creates at the first connection.
     *
     * @param url a bind's or a tenant's URL
     * @return the database's name
     * @throws IllegalStateException for a name that could not be written into SQL as it is
     */
    public static String serverDatabase(DatabaseUrl url) {
        if (url.kind() != DatabaseKind.POSTGRESQL && !url.kind().isMySqlFamily()) return null;
        String jdbc = url.jdbcUrl();
        int slash = jdbc.indexOf('/', jdbc.indexOf("//") + 2);
        if (slash < 0) return null;
        int end = jdbc.indexOf('?', slash);
        String database = jdbc.substring(slash + 1, end < 0 ? jdbc.length() : end);
        if (database.isEmpty()) return null;
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalStateException("The database name '" + database + "' is not a plain name; tenancy needs"
                    + " a database of letters, digits and underscores (around {tenant} in tenant-url).");
        }
        return database;
    }

    /**
     * Runs Hibernate's schema tools for one tenant: while the work runs on this thread, the
     * connections they take without a tenant are the tenant's.
     *
     * @param tenant a checked id
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T forSchemaWork(String tenant, Supplier<T> work) {
        String previous = SCHEMA_WORK.get();
        SCHEMA_WORK.set(TenantIds.check(tenant));
        try {
            return work.get();
        } finally {
            if (previous == null) SCHEMA_WORK.remove();
            else SCHEMA_WORK.set(previous);
        }
    }

    /**
     * Returns the pools of database tenancy, or {@code null} under schema tenancy.
     *
     * @return the pools
     */
    public TenantPools pools() {
        return pools;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        String tenant = SCHEMA_WORK.get();
        if (tenant != null) return getConnection(tenant);
        Connection connection = home.getConnection();
        // Every checkout says its schema: should switching a connection back have failed, the next
        // work on it still lands where it belongs.
        if (tenancy == Tenancy.SCHEMA && homeSchema != null) {
            try {
                switchTo(connection, homeSchema);
            } catch (SQLException | RuntimeException e) {
                home.closeConnection(connection);
                throw e;
            }
        }
        return connection;
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        String tenant = SCHEMA_WORK.get();
        if (tenant != null) releaseConnection(tenant, connection);
        else home.closeConnection(connection);
    }

    @Override
    public Connection getConnection(String tenant) throws SQLException {
        TenantIds.check(tenant);
        if (tenancy == Tenancy.DATABASE) return pools.getConnection(tenant);
        Connection connection = home.getConnection();
        try {
            if (homeSchema == null) homeSchema = current(connection);
            switchTo(connection, schemaOf(tenant));
            return connection;
        } catch (SQLException | RuntimeException e) {
            home.closeConnection(connection);
            throw e;
        }
    }

    @Override
    public void releaseConnection(String tenant, Connection connection) throws SQLException {
        if (tenancy == Tenancy.DATABASE) {
            pools.release(tenant, connection);
            return;
        }
        try {
            // Back to the bind's own schema before the pool hands the connection to anyone else.
            if (homeSchema != null) switchTo(connection, homeSchema);
        } finally {
            home.closeConnection(connection);
        }
    }

    private String current(Connection connection) throws SQLException {
        return kind.isMySqlFamily() ? connection.getCatalog() : connection.getSchema();
    }

    private void switchTo(Connection connection, String schema) throws SQLException {
        if (kind.isMySqlFamily()) connection.setCatalog(schema);
        else connection.setSchema(schema);
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean handlesConnectionSchema() {
        return true;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) return type.cast(this);
        throw new IllegalArgumentException("Cannot unwrap " + getClass().getName() + " as " + type.getName());
    }
}
