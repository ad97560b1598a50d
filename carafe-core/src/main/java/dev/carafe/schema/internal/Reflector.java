package dev.carafe.schema.internal;

import dev.carafe.schema.Column;
import dev.carafe.schema.ForeignKey;
import dev.carafe.schema.Index;
import dev.carafe.schema.Table;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    private final boolean sqlite;

    private Reflector(Connection connection) throws SQLException {
        this.connection = connection;
        this.meta = connection.getMetaData();
        this.catalog = connection.getCatalog();
        this.schema = connection.getSchema();
        this.sqlite = "SQLite".equalsIgnoreCase(meta.getDatabaseProductName());
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
        Map<String, String> declaredTypes = sqlite ? sqliteDeclaredTypes(name) : Map.of();
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(catalog, schema, name, "%")) {
            while (rows.next()) {
                String column = rows.getString("COLUMN_NAME");
                String type = declaredTypes.getOrDefault(column, type(rows));
                columns.add(new Column(column, type, rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        defaultValue(rows), containsIgnoreCase(primaryKey, column)));
            }
        }
        return new Table(name, columns, primaryKey, foreignKeys(name), indexes(name, primaryKey), false, true);
    }

    private static String defaultValue(ResultSet rows) throws SQLException {
        String value = rows.getString("COLUMN_DEF");
        // MariaDB reports the bare keyword NULL for every nullable column without a default; a
        // default of null is no default. (A string default of 'NULL' keeps its quotes.)
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase("null") ? null : value;
    }

    private static String type(ResultSet rows) throws SQLException {
        String type = rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
        if (type.contains("(")) return type;
        int size = rows.getInt("COLUMN_SIZE");
        boolean sized = !rows.wasNull() && size > 0 && size < Integer.MAX_VALUE;
        if (sized && type.contains("char") && !type.contains("text")) return type + "(" + size + ")";
        if (sized && (type.equals("numeric") || type.equals("decimal"))) {
            return type + "(" + size + "," + Math.max(0, rows.getInt("DECIMAL_DIGITS")) + ")";
        }
        return type;
    }

    /**
     * SQLite keeps each column's type as written in its create statement; its JDBC driver
     * misreports some sizes (the precision of {@code numeric(8,2)} comes back as 10), so read it
     * from the source.
     */
    private Map<String, String> sqliteDeclaredTypes(String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("pragma table_info(" + sqliteQuote(table) + ")")) {
            while (rows.next()) {
                String type = rows.getString("type");
                if (type != null && !type.isBlank()) types.put(rows.getString("name"), type.trim().toLowerCase(Locale.ROOT));
            }
        }
        return types;
    }

    private static String sqliteQuote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private List<String> primaryKey(String table) throws SQLException {
        TreeMap<Integer, String> columns = new TreeMap<>();
        try (ResultSet rows = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rows.next()) columns.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
        }
        return new ArrayList<>(columns.values());
    }

    private List<ForeignKey> foreignKeys(String table) throws SQLException {
        if (sqlite) return sqliteForeignKeys(table);
        // Drivers sort the rows by referenced table and column position, so the columns of two keys
        // to the same table interleave: group them by constraint name.
        Map<String, TreeMap<Integer, String[]>> pairsByKey = new LinkedHashMap<>();
        Map<String, String[]> nameAndTableByKey = new LinkedHashMap<>();
        int unnamed = 0;
        try (ResultSet rows = meta.getImportedKeys(catalog, schema, table)) {
            while (rows.next()) {
                String name = rows.getString("FK_NAME");
                String referencedTable = rows.getString("PKTABLE_NAME");
                int sequence = rows.getInt("KEY_SEQ");
                String key;
                if (name != null && !name.isEmpty()) {
                    key = referencedTable + "\u0000" + name;
                } else {
                    if (sequence == 1) unnamed++;
                    key = "\u0000" + unnamed;
                }
                pairsByKey.computeIfAbsent(key, k -> new TreeMap<>())
                        .put(sequence, new String[] {rows.getString("FKCOLUMN_NAME"), rows.getString("PKCOLUMN_NAME")});
                nameAndTableByKey.putIfAbsent(key, new String[] {name, referencedTable});
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        pairsByKey.forEach((key, pairs) -> {
            String[] nameAndTable = nameAndTableByKey.get(key);
            keys.add(foreignKey(nameAndTable[0], nameAndTable[1], new ArrayList<>(pairs.values())));
        });
        return keys;
    }

    /**
     * SQLite names no constraint unless the schema does, so its driver cannot tell apart the
     * interleaved columns of two keys to one table; SQLite's own key list numbers each key.
     */
    private List<ForeignKey> sqliteForeignKeys(String table) throws SQLException {
        Map<String, String> nameByFirstColumn = new LinkedHashMap<>();
        try (ResultSet rows = meta.getImportedKeys(catalog, schema, table)) {
            while (rows.next()) {
                String name = rows.getString("FK_NAME");
                if (rows.getInt("KEY_SEQ") == 1 && name != null && !name.isEmpty()) {
                    nameByFirstColumn.put(rows.getString("FKCOLUMN_NAME"), name);
                }
            }
        }
        Map<Integer, List<String[]>> pairsById = new TreeMap<>();
        Map<Integer, String> tableById = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("pragma foreign_key_list(" + sqliteQuote(table) + ")")) {
            while (rows.next()) {
                int id = rows.getInt("id");
                pairsById.computeIfAbsent(id, i -> new ArrayList<>()).add(new String[] {rows.getString("from"),
                        rows.getString("to")});
                tableById.putIfAbsent(id, rows.getString("table"));
            }
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (Map.Entry<Integer, List<String[]>> entry : pairsById.entrySet()) {
            String referencedTable = tableById.get(entry.getKey());
            List<String[]> pairs = entry.getValue();
            if (pairs.stream().anyMatch(pair -> pair[1] == null)) {
                // "references t" without columns names t's primary key.
                List<String> referencedKey = primaryKey(referencedTable);
                for (int i = 0; i < pairs.size() && i < referencedKey.size(); i++) pairs.get(i)[1] = referencedKey.get(i);
            }
            keys.add(foreignKey(nameByFirstColumn.get(pairs.get(0)[0]), referencedTable, pairs));
        }
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
