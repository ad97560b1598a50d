package dev.carafe.internal.config;

/** The databases Carafe knows how to configure, with their driver and Hibernate dialect. */
public enum DatabaseKind {
    H2("org.h2.Driver", "org.hibernate.dialect.H2Dialect", "com.h2database:h2"),
    SQLITE("org.sqlite.JDBC", "org.hibernate.community.dialect.SQLiteDialect", "org.xerial:sqlite-jdbc"),
    POSTGRESQL("org.postgresql.Driver", "org.hibernate.dialect.PostgreSQLDialect", "org.postgresql:postgresql"),
    MARIADB("org.mariadb.jdbc.Driver", "org.hibernate.dialect.MariaDBDialect", "org.mariadb.jdbc:mariadb-java-client"),
    MYSQL("com.mysql.cj.jdbc.Driver", "org.hibernate.dialect.MySQLDialect", "com.mysql:mysql-connector-j"),
    OTHER(null, null, null);

    private final String driverClass;
    private final String dialectClass;
    private final String mavenCoordinates;

    DatabaseKind(String driverClass, String dialectClass, String mavenCoordinates) {
        this.driverClass = driverClass;
        this.dialectClass = dialectClass;
        this.mavenCoordinates = mavenCoordinates;
    }

    /** The JDBC driver class, or {@code null} for an unknown database. */
    public String driverClass() {
        return driverClass;
    }

    /** The Hibernate dialect class, or {@code null} to let Hibernate detect it. */
    public String dialectClass() {
        return dialectClass;
    }

    /** The driver's Maven {@code groupId:artifactId}, for error messages. */
    public String mavenCoordinates() {
        return mavenCoordinates;
    }

    /** Whether this is MySQL or MariaDB, which share Flask-SQLAlchemy's MySQL defaults. */
    public boolean isMySqlFamily() {
        return this == MARIADB || this == MYSQL;
    }

    static DatabaseKind ofJdbcUrl(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:".length());
        if (rest.startsWith("h2:")) return H2;
        if (rest.startsWith("sqlite:")) return SQLITE;
        if (rest.startsWith("postgresql:")) return POSTGRESQL;
        if (rest.startsWith("mariadb:")) return MARIADB;
        if (rest.startsWith("mysql:")) return MYSQL;
        return OTHER;
    }
}
