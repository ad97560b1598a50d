package dev.carafe.bind.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.tenant.Tenancy;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.annotations.TenantId;
import org.hibernate.cfg.AvailableSettings;

/** Sets up a bind's tenancy when it starts: its tenant connections, and the checks of its options and models. */
final class BindTenancy {
    private BindTenancy() {}

    /** The tenant connections of a schema or database tenancy, or {@code null} for other binds. */
    static TenantConnections connections(String key, DatabaseUrl url, EngineOptions options,
            BindConnectionProvider home, Function<HikariDataSource, DataSource> observed,
            Function<String, DatabaseUrl> tenantUrls) {
        Tenancy tenancy = options.tenancy();
        if (options.tenantUrl() != null && tenancy != Tenancy.DATABASE) {
            throw new ConfigException("Bind '" + key + "' sets tenant-url, which only database tenancy uses: set its"
                    + " tenancy to database, or remove tenant-url.");
        }
        if (tenancy == Tenancy.SCHEMA || tenancy == Tenancy.DISCRIMINATOR) {
            if (url.kind() == DatabaseKind.SQLITE) {
                throw new ConfigException("Bind '" + key + "': SQLite has no schemas, so tenancy=" + name(tenancy)
                        + " is not available on it. Use PostgreSQL, MariaDB, MySQL or H2, or tenancy=database"
                        + " with a file per tenant.");
            }
        }
        if (tenancy == Tenancy.SCHEMA) {
            return new TenantConnections(tenancy, url.kind(),
                    url.kind().isMySqlFamily() ? TenantConnections.serverDatabase(url) : null, home, null);
        }
        if (tenancy == Tenancy.DATABASE) {
            if (options.tenantUrl() == null) {
                throw new ConfigException("Bind '" + key + "' has tenancy=database and no tenant-url: set tenant-url to"
                        + " the URL of a tenant's database with {tenant} for its id, such as"
                        + " postgresql://app@db/app_{tenant}.");
            }
            return new TenantConnections(tenancy, url.kind(), null, home,
                    new TenantPools(key, options, tenantUrls, observed));
        }
        return null;
    }

    /** Refuses a model of a discriminator bind whose rows would not carry the tenant: all tenants would see them. */
    static void requireTenantColumns(String key, Tenancy tenancy, List<Class<?>> models) {
        if (tenancy != Tenancy.DISCRIMINATOR) return;
        for (Class<?> model : models) {
            if (!hasTenantId(model)) {
                throw new ConfigException("Bind '" + key + "' has tenancy=discriminator, and model " + model.getName()
                        + " has no @TenantId field, so every tenant would see its rows. Add"
                        + " @org.hibernate.annotations.TenantId public String tenant; to it, or give it another bind.");
            }
        }
    }

    private static boolean hasTenantId(Class<?> model) {
        for (Class<?> type = model; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(TenantId.class)) return true;
            }
        }
        return false;
    }

    /** Hibernate's settings, with the tenant connections when there are some. */
    static Map<String, Object> settings(Map<String, Object> settings, TenantConnections connections) {
        if (connections == null) return settings;
        Map<String, Object> all = new HashMap<>(settings);
        all.put(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER, connections);
        return all;
    }

    private static String name(Tenancy tenancy) {
        return tenancy.name().toLowerCase(java.util.Locale.ROOT);
    }
}
