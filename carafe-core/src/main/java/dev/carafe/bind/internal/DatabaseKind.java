package dev.carafe.bind.internal;


/** The databases Carafe knows how to configure, with their driver and Hibernate dialect. */
public enum DatabaseKind {
    H2("org.h2.Driver", "H2", "2.2", "com.h2database:h2"),
    SQLITE("org.sqlite.JDBC", "SQLite", "3.40", "org.xerial:sqlite-jdbc"),
    POSTGRESQL("org.postgresql.Driver", "PostgreSQL", "14.0", "org.postgresql:postgresql"),
    MARIADB("org.mariadb.jdbc.Driver", "MariaDB", "10.6", "org.mariadb.jdbc:mariadb-java-client"),
    MYSQL("com.mysql.cj.jdbc.Driver", "MySQL", "8.0", "com.mysql:mysql-connector-j"),
    OTHER(null, null, null, null);

    private final String driverClass;
    private final String productName;
    private final String minimumVersion;
    private final String mavenCoordinates;

    DatabaseKind(String driverClass, String productName, String minimumVersion, String mavenCoordinates) {
        this.driverClass = driverClass;
        this.productName = productName;
        this.minimumVersion = minimumVersion;
        this.mavenCoordinates = mavenCoordinates;
    }

    /** The JDBC driver class, or {@code null} for an unknown database. */
    public String driverClass() {
        return driverClass;
    }

    /**
     * The product name Hibernate resolves its dialect from without connecting, or {@code null}
     * to let Hibernate ask the database.
     */
    public String productName() {
        return productName;
    }

    /**
     * The oldest server version Carafe supports, given to Hibernate so it picks its dialect's
     * features without connecting at start-up.
     */
    public String minimumVersion() {
        return minimumVersion;
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
