package dev.carafe.internal.schema;

import dev.carafe.schema.Column;
import dev.carafe.schema.ForeignKey;
import dev.carafe.schema.Index;
import dev.carafe.schema.Table;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reads the tables of a database's current schema through JDBC's {@link DatabaseMetaData}. */
public final class Reflector {
    private final Connection connection;
    private final DatabaseMetaData meta;
    private final String catalog;
    private final String schema;

    private Reflector(Connection connection) throws SQLException {
        this.connection = connection;
        this.meta = connection.getMetaData();
        this.catalog = connection.getCatalog();
        this.schema = connection.getSchema();
    }

    /** Returns every user table of the connection's current schema, sorted by name. */
    public static List<Table> reflect(Connection connection) throws SQLException {
        Reflector reflector = new Reflector(connection);
        List<Table> tables = new ArrayList<>();
        for (String name : reflector.tableNames()) {
            tables.add(reflector.table(name));
        }
        return tables;
    }

    /** Returns the names of the user tables of the connection's current schema, sorted. */
    public static List<String> tableNames(Connection connection) throws SQLException {
        return new Reflector(connection).tableNames();
    }

    private List<String> tableNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) names.add(name);
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    private Table table(String name) throws SQLException {
        List<String> primaryKey = primaryKey(name);
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(catalog, schema, name, "%")) {
            while (rows.next()) {
                String column = rows.getString("COLUMN_NAME");
                columns.add(new Column(column, type(rows), rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rows.getString("COLUMN_DEF"), containsIgnoreCase(primaryKey, column)));
            }
        }
        return new Table(name, columns, primaryKey, foreignKeys(name), indexes(name, primaryKey), false, true);
    }

    private static String type(ResultSet rows) throws SQLException {
        String type = rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
        if (type.contains("(")) return type;
        if (type.contains("char") && !type.contains("text")) {
            int size = rows.getInt("COLUMN_SIZE");
            if (!rows.wasNull() && size > 0 && size < Integer.MAX_VALUE) return type + "(" + size + ")";
        }
        return type;
    }

    private List<String> primaryKey(String table) throws SQLException {
        TreeMap<Integer, String> columns = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rows.next()) columns.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
        }
        return new ArrayList<>(columns.values());
    }

    private List<ForeignKey> foreignKeys(String table) throws SQLException {
        List<ForeignKey> keys = new ArrayList<>();
        List<String[]> current = new ArrayList<>();
        String currentName = null;
        String currentTable = null;
        try (ResultSet rows = meta.getImportedKeys(catalog, schema, table)) {
            while (rows.next()) {
                int sequence = rows.getInt("KEY_SEQ");
                if (sequence == 1 && !current.isEmpty()) {
                    keys.add(foreignKey(currentName, currentTable, current));
                    current = new ArrayList<>();
                }
                currentName = rows.getString("FK_NAME");
                currentTable = rows.getString("PKTABLE_NAME");
                current.add(new String[] {rows.getString("FKCOLUMN_NAME"), rows.getString("PKCOLUMN_NAME")});
            }
        }
        if (!current.isEmpty()) keys.add(foreignKey(currentName, currentTable, current));
        return keys;
    }

    private static ForeignKey foreignKey(String name, String referencedTable, List<String[]> pairs) {
        return new ForeignKey(name == null || name.isEmpty() ? null : name,
                pairs.stream().map(p -> p[0]).toList(), referencedTable, pairs.stream().map(p -> p[1]).toList());
    }

    private List<Index> indexes(String table, List<String> primaryKey) throws SQLException {
        Map<String, TreeMap<Integer, String>> columnsByIndex = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rows = meta.getIndexInfo(catalog, schema, table, false, false)) {
            while (rows.next()) {
                String name = rows.getString("INDEX_NAME");
                String column = rows.getString("COLUMN_NAME");
                if (name == null || column == null || rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                columnsByIndex.computeIfAbsent(name, n -> new TreeMap<>()).put(rows.getInt("ORDINAL_POSITION"), column);
                unique.put(name, !rows.getBoolean("NON_UNIQUE"));
            }
        }
        List<Index> indexes = new ArrayList<>();
        columnsByIndex.forEach((name, columns) -> {
            List<String> names = new ArrayList<>(columns.values());
            boolean isUnique = unique.get(name);
            boolean backsPrimaryKey = isUnique && !primaryKey.isEmpty() && sameIgnoringCase(names, primaryKey);
            if (!backsPrimaryKey) indexes.add(new Index(name, names, isUnique));
        });
        indexes.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return indexes;
    }

    private static boolean sameIgnoringCase(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        }
        return true;
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    @Override
    public String toString() {
        return "Reflector[" + connection + "]";
    }
}
