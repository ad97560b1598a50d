package dev.carafe.testing;

import java.nio.file.Path;

/**
 * An empty schema of its own for a test that needs one, such as a migration test, where Flyway
 * refuses a schema that holds other tests' tables: a schema of the test database on PostgreSQL, a
 * database beside it on MariaDB, a file on H2 and SQLite (so that several Carafe instances share it).
 */
public final class IsolatedSchema {
    private IsolatedSchema() {}

    /** Drops and creates the schema, and returns a URL of it. */
    public static String create(TestDatabase database, Path dir, String name) {
        database.assumeAvailable();
        drop(database, name);
        switch (database) {
            case POSTGRESQL -> database.execute("create schema " + name);
            case MARIADB -> database.execute("create database " + serverName(name));
            default -> { }
        }
        return url(database, dir, name);
    }

    /** A URL of the schema, which {@link #create} made. */
    public static String url(TestDatabase database, Path dir, String name) {
        return switch (database) {
            case H2 -> "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
            case SQLITE -> "sqlite:///" + dir.resolve(name + ".db").toAbsolutePath();
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.DATABASE + "?user=postgres&currentSchema="
                    + name;
            case MARIADB -> "mariadb://root@127.0.0.1:3306/" + serverName(name);
        };
    }

    /** Drops the schema and everything in it; files of H2 and SQLite go with the test's folder. */
    public static void drop(TestDatabase database, String name) {
        switch (database) {
            case POSTGRESQL -> database.execute("drop schema if exists " + name + " cascade");
            case MARIADB -> database.execute("drop database if exists " + serverName(name));
            default -> { }
        }
    }

    private static String serverName(String name) {
        return TestDatabase.DATABASE + "_" + name;
    }
}
