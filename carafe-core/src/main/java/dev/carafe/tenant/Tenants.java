package dev.carafe.tenant;

import dev.carafe.migrate.Migration;
import java.util.List;
import java.util.Map;

/**
 * The tenants of a Carafe instance, added and removed at run time ({@code db.tenants()}). A tenant is
 * known once created; a context for an unknown one is refused. Thread-safe.
 *
 * <pre>{@code
 * db.tenants().create("acme");              // its schema (or database) and its tables
 * db.forTenant("acme").useContext(() -> ...);
 * }</pre>
 */
public interface Tenants {
    /**
     * Creates a tenant: registers it and, per bind that keeps tenants apart, creates its schema or
     * database and its tables: by the bind's migrations when it has some, else from the models as
     * {@code createAll} does. Creating a tenant that exists creates what it misses.
     *
     * @param tenant the id, checked by {@link TenantIds}
     */
    void create(String tenant);

    /**
     * Drops a tenant: its schema or database with every table and row, or, with a tenant column,
     * its rows; then forgets it.
     *
     * @param tenant the id
     * @throws UnknownTenantException when there is no such tenant
     */
    void drop(String tenant);

    /**
     * Applies the pending migrations of every tenant, tenant by tenant, on the binds with a schema or
     * a database per tenant (the command line's {@code db upgrade --all-tenants}).
     *
     * @return the migrations applied, by tenant
     */
    Map<String, List<Migration>> migrateAll();

    /**
     * Returns the known tenants, sorted.
     *
     * @return their ids
     */
    List<String> list();

    /**
     * Tells whether a tenant exists.
     *
     * @param tenant the id, checked by {@link TenantIds}
     * @return whether it was created and not dropped
     */
    boolean exists(String tenant);
}
