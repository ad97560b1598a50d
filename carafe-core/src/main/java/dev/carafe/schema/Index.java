package dev.carafe.schema;

import java.util.List;

/**
 * An index of a table; unique constraints appear as unique indexes. The index that backs the
 * primary key is not listed (see {@link Table#primaryKey()}).
 *
 * @param name the index's name
 * @param columns the indexed columns, in index order
 * @param unique whether the index enforces uniqueness
 */
public record Index(String name, List<String> columns, boolean unique) {
    /**
     * Copies the list, so the record is immutable.
     *
     * @param name the index's name
     * @param columns the indexed columns
     * @param unique whether the index enforces uniqueness
     */
    public Index {
        columns = List.copyOf(columns);
    }
}
