package dev.carafe.testing;

import dev.carafe.Carafe;
import dev.carafe.bind.Engine;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Plain JDBC on a Carafe engine's pool, for fixtures made and checked without Carafe's schema
 * tools: the SQL runs as written, and table lookups read the driver's own metadata.
 */
public final class PlainSql {
    private PlainSql() {}

    /** Runs the statements in order and commits them. */
    public static void execute(Engine engine, String... statements) {
        try (Connection connection = engine.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
            if (!connection.getAutoCommit()) connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a query that returns one number, such as {@code select count(*) from t}. */
    public static long queryLong(Engine engine, String sql) {
        try (Connection connection = engine.dataSource().getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            long value = rows.getLong(1);
            if (!connection.getAutoCommit()) connection.rollback();
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the engine's current schema has a table of this name, ignoring case. */
    public static boolean tableExists(Engine engine, String table) {
        try (Connection connection = engine.dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rows = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    if (rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT).equals(table.toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
                return false;
            } finally {
                if (!connection.getAutoCommit()) connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
