package dev.carafe.session.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.ReadRoute;
import dev.carafe.observe.internal.ModelChangeRecorder;
import java.util.Locale;
import org.hibernate.Session;
import org.hibernate.SessionBuilder;

/**
 * Opens a bind's Hibernate session for a context: with the context's tenant when the bind keeps
 * tenants apart, and never without one there, so no work lands in a default schema by accident: that
 * is a mistake of the application (a web request with no tenant is refused by the plugins first).
 * On a bind with replicas the session carries its read route, which picks its connections.
 */
final class TenantSessions {
    private TenantSessions() {}

    static Session open(Bind bind, String tenant, ModelChangeRecorder changes, ReadRoute route) {
        if (bind.tenancy() == null && changes == null && route == null) return bind.sessionFactory().openSession();
        SessionBuilder builder = bind.sessionFactory().withOptions();
        if (changes != null) builder = builder.interceptor(changes);
        if (route != null) builder = builder.eventListeners(route);
        if (bind.tenancy() != null) {
            if (tenant == null) {
                throw new IllegalStateException("Bind '" + bind.key() + "' keeps its tenants apart (tenancy="
                        + bind.tenancy().name().toLowerCase(Locale.ROOT) + "), and this context has no tenant."
                        + " Open the context for one: db.forTenant(id).useContext(() -> ...), or give the web"
                        + " plugin a tenant resolver.");
            }
            builder = builder.tenantIdentifier((Object) tenant);
        }
        return builder.openSession();
    }
}
