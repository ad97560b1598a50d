package dev.carafe.schema.internal;

import dev.carafe.schema.Column;
import dev.carafe.schema.ForeignKey;
import dev.carafe.schema.Index;
import dev.carafe.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hibernate.boot.Metadata;

/** Describes the tables that a bind's models map, from Hibernate's boot-time mapping model. */
public final class DeclaredTables {
    private DeclaredTables() {}

    /** Returns the tables of the mapping, sorted by name. */
    public static List<Table> of(Metadata metadata) {
        List<Table> tables = new ArrayList<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            if (!table.isPhysicalTable()) continue;
            List<String> primaryKey = table.getPrimaryKey() == null ? List.of()
                    : table.getPrimaryKey().getColumns().stream().map(org.hibernate.mapping.Column::getName).toList();
            List<Column> columns = new ArrayList<>();
            for (org.hibernate.mapping.Column column : table.getColumns()) {
                columns.add(new Column(column.getName(), column.getSqlType(metadata).toLowerCase(Locale.ROOT),
                        column.isNullable(), column.getDefaultValue(), primaryKey.contains(column.getName())));
            }
            List<ForeignKey> foreignKeys = new ArrayList<>();
            for (org.hibernate.mapping.ForeignKey key : table.getForeignKeyCollection()) {
                if (key.getReferencedTable() == null || !key.isCreationEnabled()) continue;
                List<org.hibernate.mapping.Column> referenced = key.isReferenceToPrimaryKey()
                        ? key.getReferencedTable().getPrimaryKey().getColumns() : key.getReferencedColumns();
                foreignKeys.add(new ForeignKey(key.getName(), names(key.getColumns()), key.getReferencedTable().getName(),
                        names(referenced)));
            }
            List<Index> indexes = new ArrayList<>();
            table.getIndexes().values().forEach(index -> indexes.add(
                    new Index(index.getName(), index.getSelectables().stream().map(selectable -> selectable.getText()).toList(), index.isUnique())));
            table.getUniqueKeys().values().forEach(key -> {
                if (!key.isNameExplicit() && key.getColumns().equals(table.getPrimaryKey() == null ? List.of()
                        : table.getPrimaryKey().getColumns())) {
                    return;
                }
                indexes.add(new Index(key.getName(), names(key.getColumns()), true));
            });
            // A unique column becomes a unique key of the mapping only once Hibernate's schema tool has
            // run; before that, it is a flag on the column.
            for (org.hibernate.mapping.Column column : table.getColumns()) {
                List<String> only = List.of(column.getName());
                if (column.isUnique() && !only.equals(primaryKey)
                        && indexes.stream().noneMatch(index -> index.unique() && index.columns().equals(only))) {
                    indexes.add(new Index("uk_" + table.getName() + "_" + column.getName(), only, true));
                }
            }
            tables.add(new Table(table.getName(), columns, primaryKey, foreignKeys, indexes, true, false));
        }
        tables.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return tables;
    }

    private static List<String> names(List<org.hibernate.mapping.Column> columns) {
        return columns.stream().map(org.hibernate.mapping.Column::getName).toList();
    }
}
