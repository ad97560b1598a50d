package dev.carafe.schema;

import java.util.List;

/**
 * A foreign key from some columns of a table to columns of another.
 *
 * @param name the constraint's name, or {@code null} when the database does not name it
 * @param columns the referencing columns, in key order
 * @param referencedTable the referenced table's name
 * @param referencedColumns the referenced columns, in key order
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns) {
    /**
     * Copies the lists, so the record is immutable.
     *
     * @param name the constraint's name, or {@code null}
     * @param columns the referencing columns
     * @param referencedTable the referenced table's name
     * @param referencedColumns the referenced columns
     */
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
