package dev.carafe.migrate.internal;

import dev.carafe.bind.Binds;
import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.bind.internal.TenantConnections;
import dev.carafe.tenant.Tenancy;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.MigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateOutput;

/**
 * Runs Flyway on one bind: its pool, its own history table, its own migration files. The only
 * class that names Flyway's types, so that Flyway stays optional: it is loaded when migrations are
 * first used. Flyway's lock (an advisory lock on PostgreSQL, {@code GET_LOCK} on MariaDB and MySQL,
 * the history table's lock elsewhere) makes two upgrades at once apply each migration once.
 */
final class FlywayMigrator {
    private static final int SQLITE_ATTEMPTS = 5;

    private final Bind bind;
    private final FluentConfiguration configuration;

    private FlywayMigrator(Bind bind, FluentConfiguration configuration) {
        this.bind = bind;
        this.configuration = configuration;
    }

    static FlywayMigrator of(Bind bind, List<MigrationFile> files) {
        return new FlywayMigrator(bind, configure(bind, files).dataSource(bind.dataSource()));
    }

    /**
     * Migrates one tenant of a bind with a schema or a database per tenant: Flyway works in the
     * tenant's schema (its history table there too), or connects to the tenant's database.
     */
    static FlywayMigrator ofTenant(Bind bind, List<MigrationFile> files, String tenant) {
        TenantConnections tenants = bind.tenantConnections();
        FluentConfiguration configuration = configure(bind, files);
        if (tenants.tenancy() == Tenancy.DATABASE) {
            DatabaseUrl url = tenants.pools().urlOf(tenant);
            configuration.dataSource(url.jdbcUrl(), url.username(), url.password());
        } else {
            String schema = tenants.schemaOf(tenant);
            configuration.dataSource(bind.dataSource()).schemas(schema).defaultSchema(schema).createSchemas(true);
        }
        return new FlywayMigrator(bind, configuration);
    }

    private static FluentConfiguration configure(Bind bind, List<MigrationFile> files) {
        return Flyway.configure(FlywayMigrator.class.getClassLoader())
                .table(historyTable(bind.key()))
                .resourceProvider(new MigrationFiles(files))
                .javaMigrationClassProvider(List::of)
                .validateMigrationNaming(true);
    }

    /** The bind's history table: Flyway's default for the default bind, one of its own for each other. */
    static String historyTable(String bindKey) {
        String table = "flyway_schema_history";
        if (Binds.DEFAULT.equals(bindKey)) return table;
        return table + "_" + bindKey.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    List<Migration> migrate() {
        // SQLite has no lock Flyway can take: a second upgrade finds the file locked by the first
        // (SQLITE_BUSY once the driver's busy timeout has passed), and tries again, a few times.
        for (int attempt = 1; ; attempt++) {
            try {
                return migrateOnce();
            } catch (MigrationException e) {
                if (bind.kind() != DatabaseKind.SQLITE || attempt == SQLITE_ATTEMPTS
                        || !String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                    throw e;
                }
            }
        }
    }

    private List<Migration> migrateOnce() {
        try {
            List<MigrateOutput> applied = configuration.load().migrate().migrations;
            Set<String> versions = applied.stream().map(output -> output.version).collect(Collectors.toSet());
            return history().stream().filter(migration -> migration.state() == Migration.State.APPLIED
                    && versions.contains(migration.version())).toList();
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    List<Migration> history() {
        try {
            List<Migration> migrations = new ArrayList<>();
            for (MigrationInfo info : configuration.load().info().all()) {
                // Files at or below a baseline are listed twice by Flyway: as ignored, and as the baseline.
                MigrationState state = info.getState();
                if (state != MigrationState.BELOW_BASELINE && state != MigrationState.BASELINE_IGNORED) {
                    migrations.add(migration(info));
                }
            }
            return migrations;
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    void baseline(String version) {
        try {
            Flyway.configure(FlywayMigrator.class.getClassLoader()).configuration(configuration)
                    .baselineVersion(version).baselineDescription("baseline").load().baseline();
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    void repair() {
        try {
            configuration.load().repair();
        } catch (FlywayException e) {
            throw failure(e);
        }
    }

    private Migration migration(MigrationInfo info) {
        MigrationState state = info.getState();
        Migration.State carafeState = state.isFailed() ? Migration.State.FAILED
                : state.isApplied() ? Migration.State.APPLIED
                : state == MigrationState.PENDING ? Migration.State.PENDING : Migration.State.IGNORED;
        return new Migration(bind.key(), info.getVersion() == null ? null : info.getVersion().getVersion(),
                info.getDescription(), info.getScript(), carafeState,
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant());
    }

    /** Whether the database undoes a failed migration's DDL (H2, MariaDB and MySQL commit each statement). */
    private boolean rollsBackDdl() {
        return bind.kind() == DatabaseKind.POSTGRESQL || bind.kind() == DatabaseKind.SQLITE;
    }

    /** Flyway's exception for a migration that failed is internal; its name is the stable part. */
    private static boolean failedMigration(FlywayException e) {
        return e.getClass().getSimpleName().equals("FlywayMigrateException");
    }

    private MigrationException failure(FlywayException e) {
        String prefix = "Bind '" + bind.key() + "' (" + bind.url() + "): ";
        // Flyway's advice to its own command line's users does not apply here.
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().replaceAll("(?m)^Statement *: Run Flyway with -X option.*$\\R?", "").strip();
        String fix;
        if (message.contains("non-empty schema")) {
            message = "the database already has tables but no migration history (table " + historyTable(bind.key())
                    + ").";
            fix = "If its tables were made by createAll() or by hand, write a first migration that creates them (db"
                    + " revision --autogenerate against an empty database), mark it as applied here with db baseline"
                    + " --version 1 (db.baselineMigrations), then run db upgrade.";
        } else if (e instanceof FlywayValidateException) {
            fix = "An applied migration must not change: restore its file and put the change in a new migration."
                    + " After a failed migration, undo what it did, then run db repair.";
        } else if (failedMigration(e)) {
            fix = rollsBackDdl() ? "Fix the migration file and run db upgrade again: the failed migration was rolled back."
                    : "Fix the migration file. " + bind.kind().productName() + " does not roll back DDL: undo what the"
                            + " migration did before it failed, run db repair, then db upgrade.";
        } else {
            fix = "Check the migration files and the database.";
        }
        return new MigrationException(bind.key(), prefix + message + "\n" + fix, e);
    }
}
