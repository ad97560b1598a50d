package dev.carafe.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table of one bind: its columns, primary key, foreign keys and indexes.
 *
 * @param name the table's name as the database stores it
 * @param columns the columns, in table order
 * @param primaryKey the primary key's columns, in key order; empty when the table has none
 * @param foreignKeys the foreign keys
 * @param indexes the indexes and unique constraints
 * @param declared whether a registered model maps this table
 * @param reflected whether {@code reflect()} found this table in the database
 */
public record Table(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
        List<Index> indexes, boolean declared, boolean reflected) {
    /**
     * Copies the lists, so the record is immutable.
     *
     * @param name the table's name
     * @param columns the columns
     * @param primaryKey the primary key's columns
     * @param foreignKeys the foreign keys
     * @param indexes the indexes and unique constraints
     * @param declared whether a registered model maps this table
     * @param reflected whether {@code reflect()} found this table
     */
    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
    }

    /**
     * Finds a column by name, ignoring case.
     *
     * @param columnName the column's name
     * @return the column, or empty
     */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }
}
