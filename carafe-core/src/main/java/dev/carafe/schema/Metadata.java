package dev.carafe.schema;

import java.util.List;
import java.util.Optional;

/**
 * The tables of one bind, SQLAlchemy's {@code MetaData}: the tables of the models declared on the
 * bind, plus every table found by {@code reflect()}. A table both declared and reflected is listed
 * once, with the database's own description. Immutable: {@code reflect()} replaces it.
 *
 * @param bindKey the bind these tables belong to
 * @param tables the tables, sorted by name
 */
public record Metadata(String bindKey, List<Table> tables) {
    /**
     * Copies the list, so the record is immutable.
     *
     * @param bindKey the bind these tables belong to
     * @param tables the tables, sorted by name
     */
    public Metadata {
        tables = List.copyOf(tables);
    }

    /**
     * Finds a table by name, ignoring case.
     *
     * @param name the table's name
     * @return the table, or empty
     */
    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * Returns the names of the tables, sorted.
     *
     * @return the names
     */
    public List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }
}
