package dev.carafe.schema.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.DatabaseKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.ForeignKey;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Table;

/**
 * Empties the tables of one bind's models, children before parents, and restarts their identity
 * columns, in the quickest way each database offers: {@code db.reset()}. Sequences are left as they
 * are: Hibernate keeps blocks of their values in memory, and would hand out the same ids twice.
 *
 * <p>While a test isolates the bind, only statements that its transaction can roll back are used:
 * on H2 and MariaDB, whose {@code TRUNCATE} commits, rows are deleted and identities go on counting.
 */
public final class TableReset {
    private TableReset() {}

    /**
     * Empties the bind's model tables that exist; the others are skipped.
     *
     * @param bind the bind
     */
    public static void reset(Bind bind) {
        SessionFactoryImplementor factory = bind.sessionFactory().unwrap(SessionFactoryImplementor.class);
        List<Table> tables = childrenFirst(bind.mapping());
        boolean isolated = bind.pinned();
        SchemaTool.withConnection(bind, connection -> {
            Set<String> existing = Reflector.tableNames(connection).stream()
                    .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            SqlStringGenerationContext names = factory.getSqlStringGenerationContext();
            List<String> present = tables.stream()
                    .filter(table -> existing.contains(table.getName().toLowerCase(Locale.ROOT)))
                    .map(table -> table.getQualifiedName(names)).toList();
            if (!present.isEmpty()) empty(bind.kind(), isolated, present, connection);
            return null;
        });
    }

    private static void empty(DatabaseKind kind, boolean isolated, List<String> tables, Connection connection)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            switch (kind) {
                case POSTGRESQL -> statement.execute("truncate table " + String.join(", ", tables) + " restart identity");
                case H2 -> {
                    if (isolated) {
                        deleteAll(statement, tables);
                    } else {
                        withChecksOff(statement, "set referential_integrity false", "set referential_integrity true",
                                tables, "truncate table %s restart identity");
                    }
                }
                case MARIADB, MYSQL -> withChecksOff(statement, "set foreign_key_checks = 0", "set foreign_key_checks = 1",
                        tables, isolated ? "delete from %s" : "truncate table %s");
                case SQLITE -> emptySqlite(connection, statement, tables);
                default -> deleteAll(statement, tables);
            }
        }
    }

    private static void deleteAll(Statement statement, List<String> tables) throws SQLException {
        for (String table : tables) statement.executeUpdate("delete from " + table);
    }

    private static void withChecksOff(Statement statement, String off, String on, List<String> tables, String format)
            throws SQLException {
        statement.execute(off);
        try {
            for (String table : tables) statement.execute(String.format(Locale.ROOT, format, table));
        } finally {
            statement.execute(on);
        }
    }

    /** One transaction, foreign keys checked at its end, and the AUTOINCREMENT counters restarted. */
    private static void emptySqlite(Connection connection, Statement statement, List<String> tables) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            statement.execute("pragma defer_foreign_keys = on");
            deleteAll(statement, tables);
            if (hasSequenceTable(statement)) {
                List<String> names = tables.stream().map(t -> "'" + t.replace("\"", "").replace("'", "''") + "'").toList();
                statement.executeUpdate("delete from sqlite_sequence where name in (" + String.join(", ", names) + ")");
            }
            connection.commit();
        } finally {
            if (autoCommit) connection.setAutoCommit(true);
        }
    }

    private static boolean hasSequenceTable(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("select 1 from sqlite_master where name = 'sqlite_sequence'")) {
            return rows.next();
        }
    }

    /** The tables of the models, their secondary tables and their collections, each after the tables that refer to it. */
    static List<Table> childrenFirst(Metadata mapping) {
        Set<Table> tables = new LinkedHashSet<>();
        for (PersistentClass entity : mapping.getEntityBindings()) {
            tables.add(entity.getTable());
            for (Join join : entity.getJoins()) tables.add(join.getTable());
        }
        mapping.getCollectionBindings().forEach(collection -> tables.add(collection.getCollectionTable()));
        tables.removeIf(table -> !table.isPhysicalTable() || table.isView() || table.isSubselect());
        List<Table> parentsFirst = new ArrayList<>();
        Set<Table> visited = new LinkedHashSet<>();
        for (Table table : tables) visit(table, tables, visited, parentsFirst);
        Collections.reverse(parentsFirst);
        return parentsFirst;
    }

    private static void visit(Table table, Set<Table> tables, Set<Table> visited, List<Table> parentsFirst) {
        if (!visited.add(table)) return;
        for (ForeignKey key : table.getForeignKeyCollection()) {
            Table parent = key.getReferencedTable();
            if (parent != null && parent != table && tables.contains(parent)) visit(parent, tables, visited, parentsFirst);
        }
        parentsFirst.add(table);
    }
}
