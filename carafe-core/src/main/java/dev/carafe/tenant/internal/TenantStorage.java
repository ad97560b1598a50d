package dev.carafe.tenant.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.bind.internal.TenantConnections;
import dev.carafe.schema.internal.SchemaTool;
import dev.carafe.tenant.Tenancy;
import java.lang.reflect.Field;
import java.sql.ResultSet;
import java.sql.Statement;
import org.hibernate.Session;
import org.hibernate.annotations.TenantId;

/**
 * Where one tenant's rows live on one bind: its schema or database, with the models' tables, made
 * and removed here. Every name written into SQL comes from an id that passed {@code TenantIds}.
 */
final class TenantStorage {
    private TenantStorage() {}

    /** Creates the tenant's schema or database when missing, then, unless migrations make them, its missing tables. */
    static void create(Bind bind, String tenant, boolean byMigrations) {
        TenantConnections connections = bind.tenantConnections();
        if (bind.tenancy() == Tenancy.SCHEMA) {
            execute(bind, createSchema(bind.kind(), connections.schemaOf(tenant)));
        } else if (bind.tenancy() == Tenancy.DATABASE) {
            createDatabase(bind, connections.pools().urlOf(tenant));
        }
        if (byMigrations) return;
        if (connections == null) {
            SchemaTool.createMissing(bind);
        } else {
            connections.forSchemaWork(tenant, () -> SchemaTool.createMissing(bind));
        }
    }

    /** Drops the tenant's schema or database; with a tenant column, deletes its rows. */
    static void drop(Bind bind, String tenant) {
        TenantConnections connections = bind.tenantConnections();
        if (bind.tenancy() == Tenancy.SCHEMA) {
            String schema = connections.schemaOf(tenant);
            execute(bind, bind.kind().isMySqlFamily() ? "drop database if exists " + schema
                    : "drop schema if exists " + schema + " cascade");
        } else if (bind.tenancy() == Tenancy.DATABASE) {
            dropDatabase(bind, connections, tenant);
        } else {
            deleteRows(bind, tenant);
        }
    }

    private static String createSchema(DatabaseKind kind, String schema) {
        return kind.isMySqlFamily() ? "create database if not exists " + schema : "create schema if not exists " + schema;
    }

    private static void createDatabase(Bind bind, DatabaseUrl url) {
        String database = TenantConnections.serverDatabase(url);
        // H2 and SQLite make a database when they first connect to it.
        if (database == null) return;
        if (url.kind().isMySqlFamily()) {
            execute(bind, "create database if not exists " + database);
        } else if (url.kind() == DatabaseKind.POSTGRESQL) {
            boolean exists = SchemaTool.withConnection(bind, connection -> {
                try (Statement select = connection.createStatement();
                        ResultSet rows = select.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
                    return rows.next();
                }
            });
            if (!exists) execute(bind, "create database " + database);
        }
    }

    private static void dropDatabase(Bind bind, TenantConnections connections, String tenant) {
        DatabaseUrl url = connections.pools().urlOf(tenant);
        String database = TenantConnections.serverDatabase(url);
        if (database == null) {
            // An embedded database: empty it through its own pool, then close the pool.
            connections.forSchemaWork(tenant, () -> {
                SchemaTool.drop(bind);
                return null;
            });
            connections.pools().close(tenant);
            return;
        }
        connections.pools().close(tenant);
        execute(bind, "drop database if exists " + database);
    }

    private static void deleteRows(Bind bind, String tenant) {
        try (Session session = bind.sessionFactory().withOptions().tenantIdentifier((Object) tenant).openSession()) {
            session.getTransaction().begin();
            for (var entity : session.getMetamodel().getEntities()) {
                String attribute = tenantAttribute(entity.getJavaType());
                if (attribute == null || entity.getJavaType().getSuperclass().isAnnotationPresent(jakarta.persistence.Entity.class)) {
                    continue;
                }
                session.createMutationQuery("delete from " + entity.getName() + " e where e." + attribute + " = :tenant")
                        .setParameter("tenant", tenant).executeUpdate();
            }
            session.getTransaction().commit();
        }
    }

    private static String tenantAttribute(Class<?> model) {
        for (Class<?> type = model; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(TenantId.class)) return field.getName();
            }
        }
        return null;
    }

    private static void execute(Bind bind, String sql) {
        SchemaTool.withConnection(bind, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }
}
