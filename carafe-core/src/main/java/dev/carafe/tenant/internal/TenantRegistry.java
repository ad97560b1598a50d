package dev.carafe.tenant.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.bind.internal.TenantConnections;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.internal.Migrations;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.internal.Schemas;
import dev.carafe.schema.internal.SchemaTool;
import dev.carafe.tenant.TenantIds;
import dev.carafe.tenant.Tenants;
import dev.carafe.tenant.UnknownTenantException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carafe's {@link Tenants}: the known tenants, kept in a table {@code carafe_tenants} in the own
 * schema (or database) of each bind that keeps tenants apart, and remembered once seen, so a known
 * tenant costs no statement per request. An id the process has not seen is looked up, so a tenant
 * another process created is found. Thread-safe.
 */
public final class TenantRegistry implements Tenants {
    private static final String TABLE = TenantConnections.REGISTRY_TABLE;

    private final List<Bind> tenantBinds;
    private final Migrations migrations;
    private final Schemas schemas;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> tablesReady = ConcurrentHashMap.newKeySet();

    /**
     * Creates the registry.
     *
     * @param binds every bind; those with a tenancy keep tenants
     * @param migrations the binds' migrations, which make a new tenant's tables where a bind has some
     * @param schemas compares a tenant's tables with the models
     */
    public TenantRegistry(BindSet binds, Migrations migrations, Schemas schemas) {
        this.tenantBinds = binds.select().stream().filter(bind -> bind.tenancy() != null).toList();
        this.migrations = migrations;
        this.schemas = schemas;
    }

    /**
     * Compares a tenant's tables with the models, on every bind that keeps tenants apart.
     *
     * @param tenant the id
     * @return the differences
     * @throws UnknownTenantException when there is no such tenant
     */
    public List<SchemaDifference> schemaDifferences(String tenant) {
        require(tenant);
        List<SchemaDifference> differences = new ArrayList<>();
        for (Bind bind : binds()) {
            TenantConnections connections = bind.tenantConnections();
            differences.addAll(connections == null ? schemas.differences(bind.key())
                    : connections.forSchemaWork(tenant, () -> schemas.differences(bind.key())));
        }
        return differences;
    }

    /**
     * Checks a context's tenant: first its id, without SQL, then that it exists.
     *
     * @param tenant the id
     * @return the id
     * @throws dev.carafe.tenant.InvalidTenantException for an id that breaks the rule
     * @throws UnknownTenantException for a tenant that does not exist
     * @throws IllegalStateException when no bind keeps tenants apart
     */
    public String require(String tenant) {
        TenantIds.check(tenant);
        if (!exists(tenant)) throw new UnknownTenantException(tenant);
        return tenant;
    }

    @Override
    public boolean exists(String tenant) {
        TenantIds.check(tenant);
        if (known.contains(tenant)) return true;
        boolean found = registered(registryBind(), tenant);
        if (found) known.add(tenant);
        return found;
    }

    @Override
    public List<String> list() {
        return SchemaTool.withConnection(registryBind(), connection -> {
            List<String> ids = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("select id from " + TABLE + " order by id")) {
                while (rows.next()) ids.add(rows.getString(1));
            }
            return ids;
        });
    }

    @Override
    public void create(String tenant) {
        TenantIds.check(tenant);
        boolean migrate = false;
        for (Bind bind : binds()) {
            ensureTable(bind);
            boolean byMigrations = bind.tenantConnections() != null && migrations.hasMigrations(bind);
            migrate |= byMigrations;
            TenantStorage.create(bind, tenant, byMigrations);
            if (!registered(bind, tenant)) {
                SchemaTool.withConnection(bind, connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " (id) values (?)")) {
                        insert.setString(1, tenant);
                        return insert.executeUpdate();
                    }
                });
            }
        }
        if (migrate) migrations.migrateTenant(tenant);
        known.add(tenant);
    }

    /**
     * Applies one tenant's pending migrations on the binds with a schema or a database per tenant.
     *
     * @param tenant the id
     * @return the migrations applied
     * @throws UnknownTenantException when there is no such tenant
     */
    public List<Migration> migrate(String tenant) {
        return migrations.migrateTenant(require(tenant));
    }

    @Override
    public Map<String, List<Migration>> migrateAll() {
        Map<String, List<Migration>> applied = new LinkedHashMap<>();
        for (String tenant : list()) applied.put(tenant, migrations.migrateTenant(tenant));
        return applied;
    }

    @Override
    public void drop(String tenant) {
        if (!exists(tenant)) throw new UnknownTenantException(tenant);
        known.remove(tenant);
        for (Bind bind : binds()) {
            TenantStorage.drop(bind, tenant);
            SchemaTool.withConnection(bind, connection -> {
                try (PreparedStatement delete = connection.prepareStatement("delete from " + TABLE + " where id = ?")) {
                    delete.setString(1, tenant);
                    return delete.executeUpdate();
                }
            });
        }
    }

    private static boolean registered(Bind bind, String tenant) {
        return SchemaTool.withConnection(bind, connection -> {
            try (PreparedStatement select = connection.prepareStatement("select id from " + TABLE + " where id = ?")) {
                select.setString(1, tenant);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private Bind registryBind() {
        Bind bind = binds().get(0);
        ensureTable(bind);
        return bind;
    }

    private List<Bind> binds() {
        if (tenantBinds.isEmpty()) {
            throw new IllegalStateException("No bind keeps tenants apart, so there are no tenants. Set the engine option"
                    + " tenancy (schema, database or discriminator) of a bind, such as CARAFE_TENANCY=schema for the"
                    + " default bind; see docs/tenancy.md.");
        }
        return tenantBinds;
    }

    private void ensureTable(Bind bind) {
        if (tablesReady.contains(bind.key())) return;
        SchemaTool.withConnection(bind, connection -> {
            try (Statement create = connection.createStatement()) {
                create.execute("create table if not exists " + TABLE + " (id varchar(63) not null primary key)");
            }
            return null;
        });
        tablesReady.add(bind.key());
    }

    @Override
    public String toString() {
        return "<Tenants binds=" + tenantBinds.stream().map(b -> b.key() + ":"
                + b.tenancy().name().toLowerCase(Locale.ROOT)).toList() + ">";
    }
}
