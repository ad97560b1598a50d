package dev.carafe.tenant.internal;

import dev.carafe.migrate.Migration;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.session.internal.Contexts;
import dev.carafe.tenant.Tenant;
import dev.carafe.tenant.TenantIds;
import java.util.List;
import java.util.function.Function;

/** Carafe's {@link Tenant}: opens contexts for one tenant. Thread-safe (immutable). */
public final class TenantHandle implements Tenant {
    private final String id;
    private final Contexts contexts;
    private final TenantRegistry registry;

    /**
     * Creates the handle, checking the id without SQL; whether the tenant exists is checked as each context opens.
     *
     * @param id the tenant's id
     * @param contexts where contexts open
     * @param registry the tenants, for migrations
     * @throws dev.carafe.tenant.InvalidTenantException for an id that breaks the rule
     */
    public TenantHandle(String id, Contexts contexts, TenantRegistry registry) {
        this.id = TenantIds.check(id);
        this.contexts = contexts;
        this.registry = registry;
    }

    @Override
    public List<Migration> migrate() {
        return registry.migrate(id);
    }

    @Override
    public List<SchemaDifference> schemaDifferences() {
        return registry.schemaDifferences(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public DbContext context() {
        return contexts.openFor(id);
    }

    @Override
    public <T> T inTransaction(Function<Session, T> work) {
        // Always a context of its own (the current one may belong to another tenant), so a conflict
        // runs the work again in a fresh one, as db.inTransaction does.
        return contexts.retries().run(() -> withContext(() -> contexts.inTransaction(work)));
    }

    @Override
    public String toString() {
        return "<Tenant " + id + ">";
    }
}
