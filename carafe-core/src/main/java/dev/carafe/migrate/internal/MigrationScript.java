package dev.carafe.migrate.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.internal.SchemaTool;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.model.relational.internal.SqlStringGenerationContextImpl;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Index;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.UniqueKey;

/**
 * Writes the SQL of a migration that brings a bind's database to its models, in that database's
 * dialect: new sequences and tables (referenced tables first) with their indexes, new and changed
 * columns, new indexes and unique constraints, then foreign keys. Hibernate's exporters write what
 * they can (tables, indexes, keys, added columns, type changes); Carafe writes the rest. What would
 * drop data (tables, columns, indexes or keys that no model declares) is written commented out
 * under a warning, and so is what the database cannot do in place (SQLite's altered columns).
 */
final class MigrationScript {
    private final Bind bind;
    private final Metadata metadata;
    private final Dialect dialect;
    private final SqlStringGenerationContext createContext;
    private final SqlStringGenerationContext migrationContext;
    private final DatabaseKind kind;
    private final StringBuilder sql = new StringBuilder();

    private MigrationScript(Bind bind) {
        this.bind = bind;
        this.metadata = bind.mapping();
        SessionFactoryImplementor factory = bind.sessionFactory().unwrap(SessionFactoryImplementor.class);
        this.dialect = factory.getJdbcServices().getDialect();
        this.createContext = factory.getSqlStringGenerationContext();
        this.migrationContext = SqlStringGenerationContextImpl.fromConfigurationMapForMigration(
                factory.getJdbcServices().getJdbcEnvironment(), metadata.getDatabase(), factory.getProperties());
        this.kind = bind.kind();
    }

    /**
     * Writes the migration for these differences.
     *
     * @param bind the bind
     * @param title the first line, naming the file
     * @param differences the differences, none empty
     * @return the SQL text
     */
    static String write(Bind bind, String title, List<SchemaDifference> differences) {
        MigrationScript script = new MigrationScript(bind);
        return script.render(title, differences, script.existingSequences());
    }

    /**
     * The names of the database's sequences, lower case, read with the dialect's own query. Its
     * columns differ between databases, so every text value of its rows counts as a name.
     */
    private Set<String> existingSequences() {
        String query = dialect.getQuerySequencesString();
        if (query == null) return Set.of();
        return SchemaTool.withConnection(bind, connection -> {
            Set<String> names = new HashSet<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        Object value = rows.getObject(i);
                        if (value instanceof String name) names.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return names;
        });
    }

    private String render(String title, List<SchemaDifference> differences, Set<String> existingSequences) {
        line("-- " + title);
        line("-- Written by Carafe (db revision --autogenerate) for bind '" + bind.key() + "' on "
                + kind.productName() + ", from these differences between the models and the database:");
        for (SchemaDifference difference : differences) line("--   " + difference.describe());
        line("-- Review it before applying it: generated SQL is a draft, not a decision.");
        newTables(differences, existingSequences);
        changedColumns(differences);
        newIndexes(differences);
        newForeignKeys(differences);
        notInTheModels(differences);
        return sql.toString();
    }

    private void newTables(List<SchemaDifference> differences, Set<String> existingSequences) {
        List<Table> tables = inDependencyOrder(of(differences, SchemaDifference.MissingTable.class).stream()
                .map(missing -> table(missing.table())).toList());
        if (tables.isEmpty()) return;
        section("New tables");
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            for (Sequence sequence : namespace.getSequences()) {
                if (!existingSequences.contains(sequence.getName().getSequenceName().getText().toLowerCase(Locale.ROOT))) {
                    statements(dialect.getSequenceExporter().getSqlCreateStrings(sequence, metadata, createContext));
                }
            }
        }
        for (Table table : tables) {
            statements(dialect.getTableExporter().getSqlCreateStrings(table, metadata, createContext));
            table.getInitCommands(createContext).forEach(command -> statements(command.initCommands()));
            for (UniqueKey key : table.getUniqueKeys().values()) {
                statements(dialect.getUniqueKeyExporter().getSqlCreateStrings(key, metadata, createContext));
            }
            for (Index index : table.getIndexes().values()) {
                statements(dialect.getIndexExporter().getSqlCreateStrings(index, metadata, createContext));
            }
        }
    }

    private void changedColumns(List<SchemaDifference> differences) {
        Map<String, Set<String>> missing = columnsByTable(of(differences, SchemaDifference.MissingColumn.class).stream()
                .map(column -> new String[] {column.table(), column.column()}).toList());
        List<SchemaDifference.ColumnTypeDiffers> retyped = of(differences, SchemaDifference.ColumnTypeDiffers.class);
        List<SchemaDifference.NullabilityDiffers> renulled = of(differences, SchemaDifference.NullabilityDiffers.class);
        List<String[]> changed = new ArrayList<>();
        retyped.forEach(column -> changed.add(new String[] {column.table(), column.column()}));
        // MariaDB and MySQL change nullability with the column's whole definition, as they change types.
        if (kind.isMySqlFamily()) renulled.forEach(column -> changed.add(new String[] {column.table(), column.column()}));
        Map<String, Set<String>> changedByTable = columnsByTable(changed);
        if (missing.isEmpty() && changedByTable.isEmpty() && renulled.isEmpty()) return;
        section("New and changed columns");
        renames(differences);
        Set<String> tables = new LinkedHashSet<>(missing.keySet());
        tables.addAll(changedByTable.keySet());
        for (String name : tables) {
            Table table = table(name);
            Set<String> added = missing.getOrDefault(name, Set.of());
            Set<String> altered = changedByTable.getOrDefault(name, Set.of());
            for (SchemaDifference.MissingColumn column : of(differences, SchemaDifference.MissingColumn.class)) {
                if (column.table().equalsIgnoreCase(name)) warnAboutRequiredColumn(table, column);
            }
            for (SchemaDifference.ColumnTypeDiffers column : retyped) {
                if (column.table().equalsIgnoreCase(name)) {
                    line("-- " + column.table() + "." + column.column() + ": from " + column.databaseType() + " to "
                            + column.modelType() + "; check that the existing values convert.");
                }
            }
            String[] alters = dialect.getTableMigrator().getSqlAlterStrings(table, metadata,
                    new ExistingColumns(table, metadata, dialect, added, altered), migrationContext);
            if (kind == DatabaseKind.SQLITE) {
                for (String alter : alters) {
                    if (alter.contains(" add column ")) statement(alter);
                }
            } else {
                statements(alters);
            }
        }
        if (kind == DatabaseKind.SQLITE) {
            sqliteCannotAlter(retyped.stream().map(column -> column.table() + "." + column.column()).toList(), "type");
            sqliteCannotAlter(renulled.stream().map(column -> column.table() + "." + column.column()).toList(),
                    "nullability");
        } else if (!kind.isMySqlFamily()) {
            for (SchemaDifference.NullabilityDiffers column : renulled) {
                statement(dialect.getAlterTableString(column.table()) + " alter column " + column.column()
                        + (column.modelNullable() ? " drop not null" : " set not null"));
            }
        }
    }

    private void warnAboutRequiredColumn(Table table, SchemaDifference.MissingColumn missing) {
        org.hibernate.mapping.Column column = table.getColumns().stream()
                .filter(candidate -> candidate.getName().equalsIgnoreCase(missing.column())).findFirst().orElseThrow();
        if (!column.isNullable() && column.getDefaultValue() == null) {
            line("-- WARNING: " + missing.table() + "." + missing.column() + " is not null and has no default: on a table"
                    + " with rows, add a default (or add it nullable, fill it, then set it not null).");
        }
    }

    private void renames(List<SchemaDifference> differences) {
        for (SchemaDifference.MissingColumn added : of(differences, SchemaDifference.MissingColumn.class)) {
            for (SchemaDifference.ExtraColumn extra : of(differences, SchemaDifference.ExtraColumn.class)) {
                if (!extra.table().equalsIgnoreCase(added.table())) continue;
                line("-- WARNING: if " + extra.table() + "." + extra.column() + " was renamed to " + added.column()
                        + ", replace its add column below and its commented drop at the end with:");
                line("--   alter table " + extra.table() + " rename column " + extra.column() + " to " + added.column() + ";");
            }
        }
    }

    private void sqliteCannotAlter(List<String> columns, String what) {
        for (String column : columns) {
            line("-- WARNING: SQLite cannot change the " + what + " of " + column + " in place: create the table anew"
                    + " (create table ..._new, insert into ..._new select ..., drop table ..., alter table ..._new"
                    + " rename to ...).");
        }
    }

    private void newIndexes(List<SchemaDifference> differences) {
        List<SchemaDifference.MissingIndex> indexes = of(differences, SchemaDifference.MissingIndex.class);
        if (indexes.isEmpty()) return;
        section("New indexes and unique constraints");
        for (SchemaDifference.MissingIndex missing : indexes) {
            Table table = table(missing.table());
            Index index = table.getIndexes().get(missing.index().name());
            UniqueKey key = table.getUniqueKeys().get(missing.index().name());
            if (index != null) {
                statements(dialect.getIndexExporter().getSqlCreateStrings(index, metadata, createContext));
            } else if (key != null && kind != DatabaseKind.SQLITE) {
                statements(dialect.getUniqueKeyExporter().getSqlCreateStrings(key, metadata, migrationContext));
            } else {
                // SQLite adds no constraint to an existing table; a unique index does the same work.
                statement("create unique index " + missing.index().name() + " on " + missing.table() + " ("
                        + String.join(", ", missing.index().columns()) + ")");
            }
        }
    }

    private void newForeignKeys(List<SchemaDifference> differences) {
        List<ForeignKey> keys = new ArrayList<>();
        if (kind != DatabaseKind.SQLITE) {
            // SQLite's new tables carry their foreign keys in their create table.
            for (SchemaDifference.MissingTable missing : of(differences, SchemaDifference.MissingTable.class)) {
                table(missing.table()).getForeignKeyCollection().stream().filter(MigrationScript::created).forEach(keys::add);
            }
        }
        List<SchemaDifference.MissingForeignKey> missingKeys = of(differences, SchemaDifference.MissingForeignKey.class);
        if (keys.isEmpty() && missingKeys.isEmpty()) return;
        section("Foreign keys");
        for (SchemaDifference.MissingForeignKey missing : missingKeys) {
            if (kind == DatabaseKind.SQLITE) {
                line("-- WARNING: SQLite cannot add the foreign key " + missing.describe().replace(": missing from the"
                        + " database", "") + " to an existing table: create the table anew to add it.");
                continue;
            }
            table(missing.table()).getForeignKeyCollection().stream()
                    .filter(key -> created(key) && key.getName().equalsIgnoreCase(missing.foreignKey().name()))
                    .forEach(keys::add);
        }
        for (ForeignKey key : keys) statements(dialect.getForeignKeyExporter().getSqlCreateStrings(key, metadata, createContext));
    }

    private void notInTheModels(List<SchemaDifference> differences) {
        List<SchemaDifference> extras = differences.stream().filter(difference ->
                difference instanceof SchemaDifference.ExtraTable || difference instanceof SchemaDifference.ExtraColumn
                || difference instanceof SchemaDifference.ExtraIndex
                || difference instanceof SchemaDifference.ExtraForeignKey).toList();
        if (extras.isEmpty()) return;
        section("Not in the models: nothing below runs; uncomment what should go (its data is lost)");
        for (SchemaDifference extra : extras) {
            line("-- WARNING: " + extra.describe() + ". Removed, or renamed?");
            line("-- " + drop(extra) + ";");
        }
    }

    private String drop(SchemaDifference extra) {
        if (extra instanceof SchemaDifference.ExtraTable table) return "drop table " + table.table();
        if (extra instanceof SchemaDifference.ExtraColumn column) {
            return "alter table " + column.table() + " drop column " + column.column();
        }
        if (extra instanceof SchemaDifference.ExtraIndex index) {
            if (kind.isMySqlFamily()) return "alter table " + index.table() + " drop index " + index.index().name();
            if (index.index().unique() && kind != DatabaseKind.SQLITE) {
                return "alter table " + index.table() + " drop constraint " + index.index().name();
            }
            return "drop index " + index.index().name();
        }
        SchemaDifference.ExtraForeignKey key = (SchemaDifference.ExtraForeignKey) extra;
        String name = key.foreignKey().name() == null ? "<unnamed>" : key.foreignKey().name();
        if (kind.isMySqlFamily()) return "alter table " + key.table() + " drop foreign key " + name;
        if (kind == DatabaseKind.SQLITE) return "SQLite cannot drop a foreign key in place: create " + key.table() + " anew";
        return "alter table " + key.table() + " drop constraint " + name;
    }

    /** Orders new tables so that each comes after the new tables its foreign keys reference. */
    private static List<Table> inDependencyOrder(List<Table> tables) {
        List<Table> ordered = new ArrayList<>();
        Set<Table> placed = new HashSet<>();
        List<Table> remaining = new ArrayList<>(tables);
        remaining.sort((a, b) -> a.getName().compareToIgnoreCase(b.getName()));
        while (!remaining.isEmpty()) {
            Table next = remaining.stream().filter(table -> table.getForeignKeyCollection().stream()
                    .map(ForeignKey::getReferencedTable)
                    .allMatch(referenced -> referenced == null || referenced == table || placed.contains(referenced)
                            || !remaining.contains(referenced)))
                    .findFirst().orElse(remaining.get(0));   // a cycle: its keys come after every table anyway
            ordered.add(next);
            placed.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    private Table table(String name) {
        return metadata.collectTableMappings().stream().filter(table -> table.getName().equalsIgnoreCase(name))
                .findFirst().orElseThrow(() -> new IllegalStateException("No model maps the table " + name));
    }

    private static boolean created(ForeignKey key) {
        return key.isCreationEnabled() && key.getReferencedTable() != null;
    }

    private static Map<String, Set<String>> columnsByTable(List<String[]> tableAndColumn) {
        Map<String, Set<String>> byTable = new LinkedHashMap<>();
        for (String[] pair : tableAndColumn) {
            byTable.computeIfAbsent(pair[0].toLowerCase(Locale.ROOT), table -> new LinkedHashSet<>())
                    .add(pair[1].toLowerCase(Locale.ROOT));
        }
        return byTable;
    }

    private static <T extends SchemaDifference> List<T> of(List<SchemaDifference> differences, Class<T> type) {
        Predicate<SchemaDifference> isType = type::isInstance;
        return differences.stream().filter(isType).map(type::cast).toList();
    }

    private void section(String name) {
        sql.append('\n');
        line("-- " + name);
    }

    private void statements(String... statements) {
        Arrays.stream(statements).filter(statement -> statement != null && !statement.isBlank()).forEach(this::statement);
    }

    private void statement(String statement) {
        line(statement.strip() + ";");
    }

    private void line(String text) {
        sql.append(text).append('\n');
    }
}
