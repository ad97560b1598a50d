package dev.carafe.schema.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.SqliteDialect;
import dev.carafe.bind.internal.TenantConnections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.tool.schema.Action;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/** Creates and drops the tables of one bind's models with Hibernate's schema management tool. */
public final class SchemaTool {
    private SchemaTool() {}

    /**
     * Creates the bind's missing tables (with their sequences, keys and indexes) and leaves every
     * existing table exactly as it is: tables already in the database are excluded from Hibernate's
     * update action, so it never alters them.
     *
     * @return the names of the tables that existed before, lower case
     */
    public static Set<String> createMissing(Bind bind) {
        Set<String> existing = existingTables(bind);
        ContributableMatcher onlyMissing = object -> !(object instanceof org.hibernate.mapping.Table table)
                || !existing.contains(table.getName().toLowerCase(Locale.ROOT));
        run(bind, Action.UPDATE, onlyMissing);
        return existing;
    }

    /** Drops the bind's tables and sequences; other binds and unmapped tables are not touched. */
    public static void drop(Bind bind) {
        run(bind, Action.DROP, ContributableMatcher.ALL);
    }

    private static void run(Bind bind, Action action, ContributableMatcher matcher) {
        SessionFactoryImplementor factory = bind.sessionFactory().unwrap(SessionFactoryImplementor.class);
        Map<String, Object> settings = new HashMap<>(factory.getProperties());
        // Given a database name, Hibernate's schema tool resolves a dialect of its own from it; without
        // one, it uses the bind's dialect, which is the one Carafe may have configured (SqliteDialect).
        settings.remove(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME);
        settings.remove(AvailableSettings.JAKARTA_HBM2DDL_DB_VERSION);
        settings.remove(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION);
        settings.remove(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION);
        ExecutionOptions options = SchemaManagementToolCoordinator.buildExecutionOptions(settings,
                ExceptionHandlerHaltImpl.INSTANCE);
        SchemaManagementTool tool = factory.getServiceRegistry().requireService(SchemaManagementTool.class);
        SchemaManagementToolCoordinator.performDatabaseAction(action, bind.mapping(), tool,
                factory.getServiceRegistry(), options, matcher);
    }

    private static Set<String> existingTables(Bind bind) {
        return withConnection(bind, connection -> Reflector.tableNames(connection).stream()
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    /** Work on a raw connection of the bind. */
    public interface ConnectionWork<T> {
        /** Does the work. */
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs work on a connection from the bind's pool, obtained the way Hibernate obtains its own
     * (so an unreachable database gives the same clear error), and rolls back afterwards.
     */
    public static <T> T withConnection(Bind bind, ConnectionWork<T> work) {
        TenantConnections tenants = bind.tenantConnections();
        ConnectionProvider provider = tenants != null ? null : bind.sessionFactory().unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry().requireService(ConnectionProvider.class);
        try {
            // A bind with tenant connections has no plain provider: its "any" connection is the bind's own
            // schema, or the tenant's while TenantConnections.forSchemaWork runs.
            Connection connection = tenants != null ? tenants.getAnyConnection() : provider.getConnection();
            try {
                return work.apply(connection);
            } finally {
                try {
                    // Pool connections arrive in autocommit, where PostgreSQL's driver refuses a rollback.
                    if (!connection.getAutoCommit()) connection.rollback();
                } finally {
                    if (tenants != null) tenants.releaseAnyConnection(connection);
                    else provider.closeConnection(connection);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Bind '" + bind.key() + "': could not read the schema: " + e.getMessage(), e);
        }
    }
}
