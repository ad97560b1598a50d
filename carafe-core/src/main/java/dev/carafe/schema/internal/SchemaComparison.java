package dev.carafe.schema.internal;

import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.schema.Column;
import dev.carafe.schema.ForeignKey;
import dev.carafe.schema.Index;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares the tables a bind's models declare with the tables its database has, and lists every
 * difference: table by table, in name order; within a table, columns, then indexes, then keys.
 * Names are compared ignoring case; indexes and foreign keys by their columns, not their names
 * (which differ between databases and between Hibernate's and hand-written ones).
 */
public final class SchemaComparison {
    private final String bindKey;
    private final DatabaseKind kind;

    private SchemaComparison(String bindKey, DatabaseKind kind) {
        this.bindKey = bindKey;
        this.kind = kind;
    }

    /**
     * Lists the differences between declared and reflected tables.
     *
     * @param bindKey the bind
     * @param kind its database
     * @param declared the models' tables
     * @param reflected the database's tables
     * @param ignored tables of the database that are not the models' business (lower case): the
     *     migration history, other binds' tables
     * @return the differences
     */
    public static List<SchemaDifference> compare(String bindKey, DatabaseKind kind, List<Table> declared,
            List<Table> reflected, Set<String> ignored) {
        return new SchemaComparison(bindKey, kind).compare(declared, reflected, ignored);
    }

    private List<SchemaDifference> compare(List<Table> declared, List<Table> reflected, Set<String> ignored) {
        Map<String, Table> declaredByName = byName(declared);
        Map<String, Table> reflectedByName = byName(reflected);
        Set<String> names = new HashSet<>(declaredByName.keySet());
        names.addAll(reflectedByName.keySet());
        List<SchemaDifference> differences = new ArrayList<>();
        for (String name : sorted(names)) {
            Table model = declaredByName.get(name);
            Table database = reflectedByName.get(name);
            if (database == null) {
                differences.add(new SchemaDifference.MissingTable(bindKey, model.name()));
            } else if (model == null) {
                if (!ignored.contains(name)) differences.add(new SchemaDifference.ExtraTable(bindKey, database.name()));
            } else {
                compareTable(model, database, differences);
            }
        }
        return differences;
    }

    private void compareTable(Table model, Table database, List<SchemaDifference> differences) {
        String table = model.name();
        for (Column column : model.columns()) {
            Optional<Column> existing = database.column(column.name());
            if (existing.isEmpty()) {
                differences.add(new SchemaDifference.MissingColumn(bindKey, table, column.name(), column.type()));
                continue;
            }
            Column found = existing.get();
            if (!ColumnTypes.same(kind, column.type(), found.type())) {
                differences.add(new SchemaDifference.ColumnTypeDiffers(bindKey, table, column.name(), column.type(),
                        found.type()));
            }
            // Primary key columns refuse null on every database, whatever the metadata says (SQLite
            // reports the columns of a "primary key (id)" clause as nullable).
            if (!column.primaryKey() && column.nullable() != found.nullable()) {
                differences.add(new SchemaDifference.NullabilityDiffers(bindKey, table, column.name(), column.nullable()));
            }
        }
        for (Column column : database.columns()) {
            if (model.column(column.name()).isEmpty()) {
                differences.add(new SchemaDifference.ExtraColumn(bindKey, table, column.name(), column.type(),
                        column.nullable()));
            }
        }
        for (Index index : model.indexes()) {
            boolean present = database.indexes().stream().anyMatch(existing -> sameColumns(existing.columns(), index.columns())
                    && (existing.unique() || !index.unique()));
            if (!present) differences.add(new SchemaDifference.MissingIndex(bindKey, table, index));
        }
        for (Index index : database.indexes()) {
            boolean declared = model.indexes().stream().anyMatch(wanted -> sameColumns(wanted.columns(), index.columns()));
            // H2 and MariaDB index each foreign key's columns themselves.
            boolean backsForeignKey = !index.unique() && database.foreignKeys().stream()
                    .anyMatch(key -> startsWith(index.columns(), key.columns()));
            if (!declared && !backsForeignKey) differences.add(new SchemaDifference.ExtraIndex(bindKey, table, index));
        }
        for (ForeignKey key : model.foreignKeys()) {
            if (database.foreignKeys().stream().noneMatch(existing -> sameKey(existing, key))) {
                differences.add(new SchemaDifference.MissingForeignKey(bindKey, table, key));
            }
        }
        for (ForeignKey key : database.foreignKeys()) {
            if (model.foreignKeys().stream().noneMatch(wanted -> sameKey(wanted, key))) {
                differences.add(new SchemaDifference.ExtraForeignKey(bindKey, table, key));
            }
        }
    }

    private static boolean sameKey(ForeignKey a, ForeignKey b) {
        return a.referencedTable().equalsIgnoreCase(b.referencedTable()) && lower(a.columns()).equals(lower(b.columns()));
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return lower(a).equals(lower(b));
    }

    private static boolean startsWith(List<String> columns, List<String> prefix) {
        return columns.size() >= prefix.size() && lower(columns.subList(0, prefix.size())).equals(lower(prefix));
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }

    private static Map<String, Table> byName(List<Table> tables) {
        Map<String, Table> byName = new TreeMap<>();
        for (Table table : tables) byName.put(table.name().toLowerCase(Locale.ROOT), table);
        return byName;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
