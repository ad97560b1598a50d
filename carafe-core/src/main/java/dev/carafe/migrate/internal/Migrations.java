package dev.carafe.migrate.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.config.ConfigException;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.MigrationException;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.internal.SchemaTool;
import dev.carafe.schema.internal.Schemas;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each bind's migrations: applying them with Flyway ({@code db.migrate()}), listing them, marking a
 * baseline, repairing the history, and writing the next one from the differences between the
 * models and the schema. Flyway is optional: without it on the classpath, each of these fails with
 * a {@link ConfigException} that names the dependency to add. Thread-safe.
 */
public final class Migrations {
    private final BindSet binds;
    private final Schemas schemas;
    private final String migrationsPath;

    /**
     * Creates the feature.
     *
     * @param binds the binds
     * @param schemas compares models and schemas, for new migrations
     * @param migrationsPath the {@code migrations-path} setting
     */
    public Migrations(BindSet binds, Schemas schemas, String migrationsPath) {
        this.binds = binds;
        this.schemas = schemas;
        this.migrationsPath = migrationsPath;
    }

    /**
     * Applies the pending migrations of the binds named (every bind when none is), bind by bind.
     *
     * @param bindKeys bind keys
     * @return the migrations applied, in order
     */
    public List<Migration> migrate(String... bindKeys) {
        List<Bind> selected = binds.select(bindKeys);
        List<Migration> applied = new ArrayList<>();
        for (Bind bind : selected) applied.addAll(migrator(bind).migrate());
        return applied;
    }

    /**
     * Applies the pending migrations of one tenant on every bind with a schema or a database per
     * tenant, in the tenant's schema or database; other binds are left alone.
     *
     * @param tenant a checked id
     * @return the migrations applied, in order
     */
    public List<Migration> migrateTenant(String tenant) {
        List<Migration> applied = new ArrayList<>();
        for (Bind bind : binds.select()) {
            if (bind.tenantConnections() != null) applied.addAll(tenantMigrator(bind, tenant).migrate());
        }
        return applied;
    }

    /**
     * Tells whether a bind has migration files, so that a new tenant's tables come from them rather than from the models.
     *
     * @param bind the bind
     * @return whether its migration location holds files
     */
    public boolean hasMigrations(Bind bind) {
        return !location(bind.key()).files(bind.database(), loader()).isEmpty();
    }

    /**
     * Lists one tenant's migrations on a bind with a schema or a database per tenant.
     *
     * @param bindKey the bind
     * @param tenant a checked id
     * @return the migrations, applied then pending
     */
    public List<Migration> tenantHistory(String bindKey, String tenant) {
        return tenantMigrator(binds.get(bindKey), tenant).history();
    }

    private FlywayMigrator tenantMigrator(Bind bind, String tenant) {
        requireFlyway(bind);
        return FlywayMigrator.ofTenant(bind, location(bind.key()).files(bind.database(), loader()), tenant);
    }

    private static ClassLoader loader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : Migrations.class.getClassLoader();
    }

    /**
     * Lists a bind's migrations: those applied, in order, then those pending.
     *
     * @param bindKey a bind key
     * @return the migrations
     */
    public List<Migration> history(String bindKey) {
        return migrator(binds.get(bindKey)).history();
    }

    /**
     * Marks a bind's database, made without migrations, as being at a version: the migrations up to
     * it are taken as applied.
     *
     * @param bindKey a bind key
     * @param version the version its tables already have
     */
    public void baseline(String bindKey, String version) {
        migrator(binds.get(bindKey)).baseline(version);
    }

    /**
     * Removes the failed migrations from a bind's history and realigns the checksums with the files.
     *
     * @param bindKey a bind key
     */
    public void repair(String bindKey) {
        migrator(binds.get(bindKey)).repair();
    }

    /**
     * Writes the next migration of a bind from the differences between its models and its schema.
     *
     * @param bindKey a bind key
     * @param message what the migration does, which names the file
     * @param directory the bind's migration folder; a sub-folder named after the database is used when it exists
     * @return the file written, or empty when the schema matches the models
     * @throws MigrationException when the bind has pending or failed migrations
     */
    public Optional<Path> write(String bindKey, String message, Path directory) {
        Bind bind = binds.get(bindKey);
        List<Migration> history = migrator(bind).history();
        List<Migration> unfinished = history.stream().filter(migration -> migration.state() == Migration.State.PENDING
                || migration.state() == Migration.State.FAILED).toList();
        if (!unfinished.isEmpty()) {
            throw new MigrationException(bindKey, "Bind '" + bindKey + "' has migrations not applied: " + unfinished
                    + ". Run db upgrade (db.migrate()) first, so that the new migration starts from the schema they"
                    + " make; after a failed one, fix it and run db repair.", null);
        }
        List<SchemaDifference> differences = schemas.differences(bindKey);
        if (differences.isEmpty()) return Optional.empty();
        return Optional.of(RevisionFile.write(bind, directory, message, history, differences));
    }

    private FlywayMigrator migrator(Bind bind) {
        requireFlyway(bind);
        // A database that does not answer gives Carafe's own error, naming the bind and its pool.
        SchemaTool.withConnection(bind, connection -> null);
        if (bind.tenantConnections() != null) {
            throw new MigrationException(bind.key(), "Bind '" + bind.key() + "' keeps a " + bind.tenantConnections()
                    .tenancy().name().toLowerCase(java.util.Locale.ROOT) + " per tenant: migrate its tenants with"
                    + " db.forTenant(id).migrate() or db.tenants().migrateAll() (db upgrade --tenant ID or --all-tenants).",
                    null);
        }
        return FlywayMigrator.of(bind, location(bind.key()).files(bind.database(), loader()));
    }

    /**
     * Returns where a bind's migrations are read from.
     *
     * @param bindKey a bind key
     * @return the location
     */
    MigrationLocation location(String bindKey) {
        return MigrationLocation.of(migrationsPath, bindKey);
    }

    private static void requireFlyway(Bind bind) {
        require("org.flywaydb.core.Flyway", "org.flywaydb:flyway-core", "Migrations need Flyway");
        DatabaseKind kind = bind.kind();
        if (kind == DatabaseKind.POSTGRESQL) {
            require("org.flywaydb.database.postgresql.PostgreSQLDatabaseType", "org.flywaydb:flyway-database-postgresql",
                    "Migrating bind '" + bind.key() + "' (PostgreSQL) needs Flyway's PostgreSQL module");
        } else if (kind.isMySqlFamily()) {
            require("org.flywaydb.database.mysql.MySQLDatabaseType", "org.flywaydb:flyway-mysql",
                    "Migrating bind '" + bind.key() + "' (" + kind.productName() + ") needs Flyway's MySQL and MariaDB module");
        }
    }

    private static void require(String className, String coordinates, String what) {
        try {
            Class.forName(className, false, Migrations.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigException(what + ", which is not on the classpath. Add the dependency " + coordinates
                    + " (version 13.12.1 or later) to your build.");
        }
    }
}
