package dev.carafe;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.bind.Binds;
import dev.carafe.bind.internal.DatabaseKind;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.config.internal.UrlMasker;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Database URLs: SQLAlchemy-style and jdbc: URLs translated for JDBC, and where relative files go. */
class DatabaseUrlTest {
    private static final String EXAMPLES = ". Examples: postgresql://user:password@localhost:5432/app,"
            + " sqlite:///app.db, jdbc:h2:mem:app.";

    @TempDir
    Path dir;

    private Path instance() {
        return dir.resolve("instance");
    }

    private DatabaseUrl parse(String url) {
        return DatabaseUrl.parse("database-url", url, instance());
    }

    private String inInstance(String file) {
        return instance().toAbsolutePath().resolve(file).normalize().toString();
    }

    // ---- SQLAlchemy-style server URLs ----------------------------------------------------------

    @Test
    void aPostgresqlUrlHandsOverUserAndDecodedPasswordSeparately() {
        DatabaseUrl url = parse("postgresql://scott:p%40ss%2Fw0rd@db.example.com:5433/app?sslmode=require&connectTimeout=5");
        assertThat(url.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5433/app?sslmode=require&connectTimeout=5");
        assertThat(url.username()).isEqualTo("scott");
        assertThat(url.password()).isEqualTo("p@ss/w0rd");
        assertThat(url.displayUrl())
                .isEqualTo("postgresql://scott:***@db.example.com:5433/app?sslmode=require&connectTimeout=5");
        assertThat(url.inMemory()).isFalse();
        assertThat(url.instanceFile()).isNull();
    }

    @Test
    void aPlusInAPasswordStaysAPlus() {
        assertThat(parse("postgresql://scott:a+b%2Bc@db/app").password()).isEqualTo("a+b+c");
    }

    @Test
    void theDriverPartOfTheSchemeIsIgnored() {
        DatabaseUrl url = parse("postgresql+psycopg2://scott:tiger@localhost/app");
        assertThat(url.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app");
        assertThat(url.password()).isEqualTo("tiger");
    }

    @Test
    void postgresIsAnotherNameForPostgresql() {
        DatabaseUrl url = parse("postgres://app@heroku.example.com:5432/d1");
        assertThat(url.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://heroku.example.com:5432/d1");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isNull();
    }

    @Test
    void aUserAndPasswordInTheQueryAreTakenOutOfIt() {
        DatabaseUrl url = parse("postgresql://db/app?user=scott&password=p%40ss&ssl=true");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app?ssl=true");
        assertThat(url.username()).isEqualTo("scott");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.displayUrl()).isEqualTo("postgresql://db/app?user=scott&password=***&ssl=true");
    }

    @Test
    void anIpv6HostKeepsItsBrackets() {
        assertThat(parse("postgresql://scott@[::1]:5432/app").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/app");
    }

    @Test
    void aMariadbUrlUsesTheMariadbDriver() {
        DatabaseUrl url = parse("mariadb://root:r00t@127.0.0.1:3306/app?connectTimeout=3000");
        assertThat(url.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/app?connectTimeout=3000");
        assertThat(url.username()).isEqualTo("root");
        assertThat(url.password()).isEqualTo("r00t");
    }

    @Test
    void aMysqlUrlUsesTheMariadbDriverWhenTheMysqlDriverIsAbsent() {
        DatabaseUrl url = parse("mysql://root:r00t@127.0.0.1/app?charset=utf8mb4");
        assertThat(url.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1/app?charset=utf8mb4");
        assertThat(url.displayUrl()).isEqualTo("mysql://root:***@127.0.0.1/app?charset=utf8mb4");
    }

    // ---- SQLAlchemy-style SQLite URLs -----------------------------------------------------------

    @Test
    void aRelativeSqliteFileLivesInTheInstanceFolder() {
        DatabaseUrl url = parse("sqlite:///relative.db");
        assertThat(url.kind()).isEqualTo(DatabaseKind.SQLITE);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + inInstance("relative.db"));
        assertThat(url.instanceFile()).isEqualTo(Path.of(inInstance("relative.db")));
        assertThat(url.inMemory()).isFalse();
    }

    @Test
    void anAbsoluteSqliteFileIsLeftWhereItIs() {
        DatabaseUrl url = parse("sqlite:////var/data/absolute.db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/data/absolute.db");
        assertThat(url.instanceFile()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://", "jdbc:sqlite::memory:",
            "jdbc:sqlite:", "jdbc:sqlite:file::memory:"})
    void theseSqliteUrlsAreInMemory(String written) {
        DatabaseUrl url = parse(written);
        assertThat(url.kind()).isEqualTo(DatabaseKind.SQLITE);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite::memory:");
        assertThat(url.inMemory()).isTrue();
        assertThat(url.instanceFile()).isNull();
    }

    @Test
    void aDriverLevelSqliteUriIsResolvedInTheInstanceFolder() {
        DatabaseUrl url = parse("sqlite:///file:test.db?uri=true");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:file:" + inInstance("test.db"));
        assertThat(url.instanceFile()).isEqualTo(Path.of(inInstance("test.db")));
    }

    @Test
    void aRelativeSqlitePathWithAFolderStaysUnderTheInstanceFolder() {
        DatabaseUrl url = parse("sqlite:///sub/x.db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + inInstance("sub/x.db"));
        assertThat(url.instanceFile()).isEqualTo(instance().toAbsolutePath().resolve("sub").resolve("x.db"));
    }

    // ---- jdbc: URLs ------------------------------------------------------------------------------

    @Test
    void anInMemoryH2DatabaseIsKeptWhileTheEngineLives() {
        DatabaseUrl url = parse("jdbc:h2:mem:test");
        assertThat(url.kind()).isEqualTo(DatabaseKind.H2);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        assertThat(url.inMemory()).isTrue();
        assertThat(url.instanceFile()).isNull();
    }

    @Test
    void anUnnamedInMemoryH2DatabaseGetsAUniqueNameSoThePoolSharesIt() {
        DatabaseUrl first = parse("jdbc:h2:mem:");
        DatabaseUrl second = parse("jdbc:h2:mem:");
        assertThat(first.jdbcUrl()).startsWith("jdbc:h2:mem:carafe-").endsWith(";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        assertThat(first.displayUrl()).isEqualTo("jdbc:h2:mem:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:./data/app", "jdbc:h2:data/app", "jdbc:h2:file:data/app", "jdbc:h2:file:./data/app"})
    void aRelativeH2FileLivesInTheInstanceFolder(String written) {
        DatabaseUrl url = parse(written + ";MODE=PostgreSQL");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:file:" + inInstance("data/app") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        assertThat(url.instanceFile()).isEqualTo(Path.of(inInstance("data/app")));
        assertThat(url.inMemory()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:/var/data/app", "jdbc:h2:file:/var/data/app", "jdbc:h2:~/app",
            "jdbc:h2:tcp://db.example.com/~/app", "jdbc:h2:ssl://db.example.com:9092/app"})
    void anAbsoluteOrRemoteH2DatabaseIsLeftWhereItIs(String written) {
        DatabaseUrl url = parse(written);
        assertThat(url.jdbcUrl()).isEqualTo(written + ";DATABASE_TO_LOWER=TRUE");
        assertThat(url.instanceFile()).isNull();
    }

    @Test
    void theUserAndPasswordOfAnH2UrlAreTakenOutOfIt() {
        DatabaseUrl url = parse("jdbc:h2:mem:creds;USER=sa;PASSWORD=s3cr3t;MODE=MySQL");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:h2:mem:creds;MODE=MySQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        assertThat(url.username()).isEqualTo("sa");
        assertThat(url.password()).isEqualTo("s3cr3t");
        assertThat(url.displayUrl()).isEqualTo("jdbc:h2:mem:creds;USER=sa;PASSWORD=***;MODE=MySQL");
    }

    @Test
    void anExplicitH2SettingIsNotOverridden() {
        assertThat(parse("jdbc:h2:mem:kept;DB_CLOSE_DELAY=10;DATABASE_TO_UPPER=TRUE").jdbcUrl())
                .isEqualTo("jdbc:h2:mem:kept;DB_CLOSE_DELAY=10;DATABASE_TO_UPPER=TRUE");
    }

    @Test
    void theCredentialsOfAPostgresqlJdbcUrlAreTakenOutOfIt() {
        DatabaseUrl url = parse("jdbc:postgresql://127.0.0.1:5432/app?user=postgres&password=p%40ss&ssl=false");
        assertThat(url.kind()).isEqualTo(DatabaseKind.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/app?ssl=false");
        assertThat(url.username()).isEqualTo("postgres");
        assertThat(url.password()).isEqualTo("p@ss");
        assertThat(url.displayUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/app?user=postgres&password=***&ssl=false");
    }

    @Test
    void theCredentialsOfAMariadbJdbcUrlAreTakenOutOfIt() {
        DatabaseUrl url = parse("jdbc:mariadb://127.0.0.1:3306/app?user=root&password=r00t");
        assertThat(url.kind()).isEqualTo(DatabaseKind.MARIADB);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/app");
        assertThat(url.username()).isEqualTo("root");
        assertThat(url.password()).isEqualTo("r00t");
    }

    @Test
    void userInfoInAJdbcUrlIsTakenOutOfIt() {
        DatabaseUrl url = parse("jdbc:mariadb://root:r00t@127.0.0.1:3306/app");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/app");
        assertThat(url.username()).isEqualTo("root");
        assertThat(url.password()).isEqualTo("r00t");
        assertThat(url.displayUrl()).isEqualTo("jdbc:mariadb://root:***@127.0.0.1:3306/app");
    }

    @Test
    void aMysqlJdbcUrlGetsUtf8UnlessItSaysOtherwise() {
        assertThat(parse("jdbc:mysql://db/app").jdbcUrl()).isEqualTo("jdbc:mysql://db/app?characterEncoding=UTF-8");
        assertThat(parse("jdbc:mysql://db/app?user=u&useSSL=false").jdbcUrl())
                .isEqualTo("jdbc:mysql://db/app?useSSL=false&characterEncoding=UTF-8");
        assertThat(parse("jdbc:mysql://db/app?characterEncoding=latin1").jdbcUrl())
                .isEqualTo("jdbc:mysql://db/app?characterEncoding=latin1");
        assertThat(parse("jdbc:mysql://db/app?connectionCollation=utf8mb4_bin").jdbcUrl())
                .isEqualTo("jdbc:mysql://db/app?connectionCollation=utf8mb4_bin");
    }

    @Test
    void aRelativeSqliteJdbcFileLivesInTheInstanceFolder() {
        DatabaseUrl url = parse("jdbc:sqlite:rel.db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:" + inInstance("rel.db"));
        assertThat(url.instanceFile()).isEqualTo(Path.of(inInstance("rel.db")));
    }

    @Test
    void anAbsoluteSqliteJdbcFileIsLeftWhereItIs() {
        DatabaseUrl url = parse("jdbc:sqlite:/var/data/abs.db");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/data/abs.db");
        assertThat(url.instanceFile()).isNull();
    }

    @Test
    void anUnknownJdbcUrlIsPassedThrough() {
        DatabaseUrl url = parse("jdbc:unknowndb://x/y?a=b");
        assertThat(url.kind()).isEqualTo(DatabaseKind.OTHER);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:unknowndb://x/y?a=b");
    }

    // ---- malformed URLs --------------------------------------------------------------------------

    @Test
    void aUrlWithoutASchemeNamesTheKey() {
        assertThatThrownBy(() -> parse("localhost:5432/app"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'localhost:5432/app': it is neither a"
                        + " SQLAlchemy-style URL nor a jdbc: URL" + EXAMPLES);
    }

    @Test
    void aBadPortNamesTheBindKeyAndMasksThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("binds.reports.url", "postgresql://db.example.com:54x2/app", instance()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'binds.reports.url' is not a valid database URL: 'postgresql://db.example.com:54x2/app':"
                        + " the port '54x2' is not a number" + EXAMPLES);
        assertThatThrownBy(() -> DatabaseUrl.parse("binds.reports.url", "postgresql://scott:tiger@db:54x2/app", instance()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'binds.reports.url' is not a valid database URL: 'postgresql://scott:***@db:54x2/app':"
                        + " it is not scheme://user:password@host:port/database; percent-encode '@', '/' and ':' in"
                        + " the user and password (%40, %2F, %3A)" + EXAMPLES);
    }

    @Test
    void anUnknownSchemeSaysWhichAreSupported() {
        assertThatThrownBy(() -> parse("oracle://scott:tiger@db/orcl"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'oracle://scott:***@db/orcl': the scheme"
                        + " 'oracle' is not supported (use postgresql, mysql, mariadb, sqlite, or a jdbc: URL for"
                        + " anything else)" + EXAMPLES);
    }

    @Test
    void aHostOnASqliteUrlIsRefused() {
        assertThatThrownBy(() -> parse("sqlite://localhost/app.db"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'sqlite://localhost/app.db': SQLite URLs have"
                        + " no host; write sqlite:///relative.db, sqlite:////absolute.db or sqlite:// for memory"
                        + EXAMPLES);
    }

    @Test
    void aServerUrlWithoutAHostIsRefused() {
        assertThatThrownBy(() -> parse("postgresql:///app"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'postgresql:///app': it has no host; write"
                        + " postgresql://user:password@host:port/database" + EXAMPLES);
    }

    @Test
    void aPasswordWithAnUnencodedAtOrSlashIsRefusedWithoutShowingIt() {
        for (String written : new String[] {"postgresql://scott:p@ss@db/app", "postgresql://scott:pa/ss@db/app",
                "postgresql://scott:12/ss@db/app"}) {
            assertThatThrownBy(() -> parse(written))
                    .as(written)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("'database-url' is not a valid database URL: 'postgresql://scott:***@db/app': it is"
                            + " not scheme://user:password@host:port/database; percent-encode '@', '/' and ':' in"
                            + " the user and password (%40, %2F, %3A)" + EXAMPLES);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://u:S3c@host/PW@host/db| postgresql://u:***@host/db",
        "postgresql://u:S3c@PW@host/db| postgresql://u:***@host/db",
        "postgresql://us:er:S3cPW@host/db| postgresql://us:***@host/db",
        "postgresql://u:S3cPW@host/db?application_name=a@b| postgresql://u:***@b",
        "mariadb://u:S3c@host/PW@host:3306/db| mariadb://u:***@host:3306/db",
        "jdbc:postgresql://u:S3c@host/PW@host/db| jdbc:postgresql://u:***@host/db",
        "jdbc:mariadb://us:er:S3cPW@host/db| jdbc:mariadb://us:***@host/db"})
    void aUrlThatCanBeReadSeveralWaysIsRefusedWithTheFixAndWithoutItsPassword(String written, String shown) {
        assertThatThrownBy(() -> parse(written))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: '" + shown + "': it is not"
                        + " scheme://user:password@host:port/database; percent-encode '@', '/' and ':' in the user"
                        + " and password (%40, %2F, %3A)" + EXAMPLES)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3c").doesNotContain("PW"));
        // The same password, percent-encoded, is read one way.
        String encoded = written.replace("S3c@host/PW", "S3c%40host%2FPW").replace("S3c@PW", "S3c%40PW")
                .replace("er:S3cPW", "er%3AS3cPW").replace("a@b", "a%40b");
        assertThat(parse(encoded).password()).doesNotContain("%");
    }

    @Test
    void anH2SettingWithoutAValueIsRefusedSinceItIsMostOftenTheEndOfAPassword() {
        assertThatThrownBy(() -> parse("jdbc:h2:tcp://db/~/app;USER=sa;PASSWORD=S3c;PW;DB_CLOSE_DELAY=-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'jdbc:h2:tcp://db/~/app;USER=sa;PASSWORD=***;"
                        + "DB_CLOSE_DELAY=-1': a setting after a ';' has no '='; a password with a ';' cannot be written in"
                        + " an H2 URL: leave PASSWORD out and give it with EngineOptions.driverProperty(\"password\", ...)"
                        + EXAMPLES);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgresql://app:S3c@db/app| postgresql://app:***@db/app",
        "postgresql://app:S3c@db/app?password=S3c&ssl=true| postgresql://app:***@db/app?password=***&ssl=true",
        "postgresql://app:S3c@PW@db/app| postgresql://app:***@db/app",
        "postgresql://app:S3c/PW@db/app| postgresql://app:***@db/app",
        "postgresql://db:5432/app?user=me@corp| postgresql://db:5432/app?user=me@corp",
        "jdbc:h2:mem:x;USER=sa;PASSWORD=S3c;PW| jdbc:h2:mem:x;USER=sa;PASSWORD=***",
        "jdbc:h2:mem:x;PASSWORD=S3c;DB_CLOSE_DELAY=-1| jdbc:h2:mem:x;PASSWORD=***;DB_CLOSE_DELAY=-1",
        "jdbc:oracle:thin:scott/S3c@PW@//db:1521/app| jdbc:oracle:thin:scott/***@//db:1521/app",
        "jdbc:sqlserver://db;databaseName=app;password=S3c| jdbc:sqlserver://db;databaseName=app;password=***"})
    void theMaskHidesThePasswordOfEveryUrlForm(String written, String shown) {
        assertThat(UrlMasker.mask(written)).isEqualTo(shown);
    }

    @Test
    void aStrayPercentInAPasswordIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> parse("postgresql://scott:100%sure@db/app"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'database-url' is not a valid database URL: 'postgresql://scott:***@db/app': a '%' in its"
                        + " user or password does not start a percent-encoded character; write a literal % as %25"
                        + EXAMPLES);
    }

    @Test
    void aMalformedUrlThroughCarafeNamesTheKeyItCameFrom() {
        assertThatThrownBy(() -> Carafe.builder().databaseUrl("sqlite://").bind("auth", "mysql://root:pw@db:port/auth")
                .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'binds.auth.url' is not a valid database URL: 'mysql://root:***@db:port/auth'");
        assertThatThrownBy(() -> Carafe.builder().bind(Binds.DEFAULT, "nonsense").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'binds.default.url' is not a valid database URL: 'nonsense'");
        assertThatThrownBy(() -> Carafe.builder().engineOptions(EngineOptions.url("nonsense")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("'engine-options.url' is not a valid database URL: 'nonsense'");
    }

    // ---- end to end: where the files go ------------------------------------------------------------

    private Carafe build(String url) {
        return Carafe.builder().databaseUrl(url).instancePath(instance()).models(Todo.class).build();
    }

    private static void roundTrip(Carafe db) {
        db.createAll();
        db.useTransaction(session -> session.add(new Todo("kept")));
        assertThat(db.withContext(() -> db.session().get(Todo.class, 1L).title)).isEqualTo("kept");
    }

    @Test
    void aRelativeSqliteFileIsCreatedInTheInstanceFolderWhichIsCreatedOnDemand() {
        assertThat(instance()).doesNotExist();
        Carafe db = build("sqlite:///relative.db");
        try {
            roundTrip(db);
            assertThat(instance().resolve("relative.db")).isRegularFile();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anAbsoluteSqliteFileDoesNotCreateTheInstanceFolder() {
        Path file = dir.resolve("elsewhere.db").toAbsolutePath();
        Carafe db = build("sqlite:///" + file);
        try {
            roundTrip(db);
            assertThat(file).isRegularFile();
            assertThat(instance()).doesNotExist();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aDriverLevelSqliteUriCreatesItsFileInTheInstanceFolder() {
        Carafe db = build("sqlite:///file:test.db?uri=true");
        try {
            roundTrip(db);
            assertThat(instance().resolve("test.db")).isRegularFile();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aNestedRelativeSqlitePathGetsItsFolderCreatedInTheInstanceFolder() {
        // Flask-SQLAlchemy creates only the instance folder, and SQLite then fails to open
        // sub/x.db; Carafe creates the folders the file needs.
        Carafe db = build("sqlite:///sub/x.db");
        try {
            roundTrip(db);
            assertThat(instance().resolve("sub").resolve("x.db")).isRegularFile();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aRelativeSqliteJdbcFileIsCreatedInTheInstanceFolder() {
        Carafe db = build("jdbc:sqlite:jdbc-relative.db");
        try {
            roundTrip(db);
            assertThat(instance().resolve("jdbc-relative.db")).isRegularFile();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aRelativeH2FileIsCreatedInTheInstanceFolder() {
        Carafe db = build("jdbc:h2:./data/app");
        try {
            roundTrip(db);
            assertThat(instance().resolve("data").resolve("app.mv.db")).isRegularFile();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anAbsoluteH2FileDoesNotCreateTheInstanceFolder() {
        Path file = dir.resolve("h2-elsewhere").toAbsolutePath();
        Carafe db = build("jdbc:h2:" + file);
        try {
            roundTrip(db);
            assertThat(Path.of(file + ".mv.db")).isRegularFile();
            assertThat(instance()).doesNotExist();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anInMemoryDatabaseWritesNoFile() throws Exception {
        Carafe db = build("sqlite://");
        try {
            roundTrip(db);
            assertThat(instance()).doesNotExist();
            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    // ---- end to end: servers -------------------------------------------------------------------------

    private static String currentUser(Carafe db) {
        return db.withContext(() -> db.session().hibernate()
                .createNativeQuery("select current_user", String.class).getSingleResult());
    }

    @Test
    void aSqlalchemyPostgresqlUrlConnectsWithThePasswordHandedOverSeparately() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        // The local server trusts every connection, so any password is accepted.
        Carafe db = build("postgresql://postgres:p%40ss%2Fw0rd@127.0.0.1:5432/" + TestDatabase.DATABASE
                + "?ApplicationName=carafe-url-test");
        try {
            HikariDataSource pool = (HikariDataSource) db.engine().dataSource();
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.DATABASE
                    + "?ApplicationName=carafe-url-test");
            assertThat(pool.getUsername()).isEqualTo("postgres");
            assertThat(pool.getPassword()).isEqualTo("p@ss/w0rd");
            assertThat(currentUser(db)).isEqualTo("postgres");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void aPostgresqlJdbcUrlWithUserParameterConnects() {
        TestDatabase.POSTGRESQL.assumeAvailable();
        Carafe db = build("jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.DATABASE + "?user=postgres&password=unused");
        try {
            assertThat(((HikariDataSource) db.engine().dataSource()).getJdbcUrl())
                    .isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + TestDatabase.DATABASE);
            assertThat(currentUser(db)).isEqualTo("postgres");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb://root@127.0.0.1:3306/", "mysql://root@127.0.0.1:3306/",
            "jdbc:mariadb://127.0.0.1:3306/?user=root"})
    void mariadbAndMysqlUrlsConnectToMariadb(String prefix) {
        TestDatabase.MARIADB.assumeAvailable();
        String url = prefix.contains("?") ? prefix.replace("/?", "/" + TestDatabase.DATABASE + "?")
                : prefix + TestDatabase.DATABASE;
        Carafe db = build(url);
        try {
            assertThat(db.engine().database()).isEqualTo("mariadb");
            assertThat(currentUser(db)).startsWith("root@");
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
