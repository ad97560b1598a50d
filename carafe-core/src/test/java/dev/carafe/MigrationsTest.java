package dev.carafe;

import dev.carafe.bind.Binds;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.migrate.Migration;
import dev.carafe.migrate.MigrationException;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.SchemaDriftException;
import dev.carafe.testing.IsolatedSchema;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PlainSql;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.migrate.v1.Memo;
import dev.carafe.testmodels.migrate.v2.Label;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {
    private static final String SCHEMA = "carafe_migrations";

    @TempDir
    Path dir;

    private final List<Carafe> opened = new ArrayList<>();
    private TestDatabase database;

    @AfterEach
    void closeAndDrop() {
        try {
            for (Carafe db : opened) LeakCheck.closeChecked(db);
        } finally {
            if (database != null) IsolatedSchema.drop(database, SCHEMA);
        }
    }

    private Path migrations() {
        return dir.resolve("migration");
    }

    private Carafe open(String url, Class<?>... models) {
        return open(url, builder -> { }, models);
    }

    private Carafe open(String url, Consumer<Carafe.Builder> settings, Class<?>... models) {
        Carafe.Builder builder = Carafe.builder().databaseUrl(url).migrationsPath(migrations().toString()).models(models);
        settings.accept(builder);
        Carafe db = builder.build();
        opened.add(db);
        return db;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aModelChangeBecomesAMigrationThatKeepsTheRows(TestDatabase database) throws IOException {
        this.database = database;
        String url = IsolatedSchema.create(database, dir, SCHEMA);
        Carafe first = open(url, Memo.class);
        Path v1 = first.writeMigration(Binds.DEFAULT, "create memo", migrations()).orElseThrow();
        assertThat(v1.getFileName()).hasToString("V1__create_memo.sql");
        assertThat(first.migrate()).extracting(Migration::version, Migration::description)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "create memo"));
        first.useTransaction(session -> {
            session.add(new Memo("kept"));
            session.add(new Memo("also kept"));
        });

        Carafe second = open(url, dev.carafe.testmodels.migrate.v2.Memo.class, Label.class);
        assertThatThrownBy(second::checkSchema).isInstanceOf(SchemaDriftException.class);
        assertThat(second.schemaDifferences()).extracting(SchemaDifference::describe).contains(
                "table label: missing from the database");
        Path v2 = second.writeMigration(Binds.DEFAULT, "Add author, labels!", migrations()).orElseThrow();
        assertThat(v2.getFileName()).hasToString("V2__add_author_labels.sql");
        assertThat(Files.readString(v2)).contains("-- Review it before applying it", "create table label",
                "create index ix_memo_author on memo (author);");
        assertThat(second.migrate()).extracting(Migration::version).containsExactly("2");

        assertThat(second.schemaDifferences()).isEmpty();
        second.checkSchema();
        assertThat(PlainSql.queryLong(second.engine(), "select count(*) from memo where title in ('kept', 'also kept')"))
                .isEqualTo(2);
        second.useTransaction(session -> {
            dev.carafe.testmodels.migrate.v2.Memo memo = new dev.carafe.testmodels.migrate.v2.Memo();
            memo.title = "x".repeat(200);
            memo.author = "ann";
            session.add(memo);
            Label label = new Label();
            label.name = "urgent";
            label.memo = memo;
            session.add(label);
        });

        assertThat(second.writeMigration(Binds.DEFAULT, "nothing", migrations())).isEmpty();
        try (Stream<Path> files = Files.list(migrations())) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly("V1__create_memo.sql", "V2__add_author_labels.sql");
        }
        assertThat(second.migrations(Binds.DEFAULT)).extracting(Migration::version, Migration::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Migration.State.APPLIED),
                org.assertj.core.groups.Tuple.tuple("2", Migration.State.APPLIED));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoUpgradesAtOnceApplyEachMigrationOnce(TestDatabase database) throws Exception {
        this.database = database;
        String url = IsolatedSchema.create(database, dir, SCHEMA);
        writeFile("V1__create_memo.sql", "create table memo (id integer not null primary key, title varchar(50));");
        writeFile("V2__add_author.sql", "alter table memo add column author varchar(40);");
        Carafe one = open(url);
        Carafe two = open(url);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Migration>> first = threads.submit(() -> {
                start.await();
                return one.migrate();
            });
            Future<List<Migration>> second = threads.submit(() -> {
                start.await();
                return two.migrate();
            });
            start.countDown();
            List<Migration> applied = new ArrayList<>(first.get(60, TimeUnit.SECONDS));
            applied.addAll(second.get(60, TimeUnit.SECONDS));
            assertThat(applied).extracting(Migration::version).containsExactlyInAnyOrder("1", "2");
        } finally {
            threads.shutdownNow();
        }
        assertThat(one.migrations(Binds.DEFAULT)).extracting(Migration::version, Migration::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Migration.State.APPLIED),
                org.assertj.core.groups.Tuple.tuple("2", Migration.State.APPLIED));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBrokenMigrationIsAClearErrorAndChangesNothing(TestDatabase database) throws IOException {
        this.database = database;
        String url = IsolatedSchema.create(database, dir, SCHEMA);
        writeFile("V1__create_memo.sql", "create table memo (id integer not null primary key, title varchar(50));\n"
                + "insert into memo (id, title) values (1, 'kept');");
        Carafe db = open(url);
        db.migrate();
        writeFile("V2__broken.sql", "alter table memo add column author varchar(40) nonsense here;");
        assertThatThrownBy(db::migrate).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("Bind 'default' (" + db.engine().url() + "): Failed to execute script V2__broken.sql")
                .hasMessageNotContaining("Run Flyway with -X")
                .hasMessageEndingWith(!rollsBackDdl(database)
                        ? "Fix the migration file. " + (database == TestDatabase.H2 ? "H2" : "MariaDB") + " does not roll"
                                + " back DDL: undo what the migration did before it failed, run db repair, then db upgrade."
                        : "Fix the migration file and run db upgrade again: the failed migration was rolled back.");
        db.reflect();
        assertThat(db.metadata().table("memo").orElseThrow().columns()).extracting(column -> column.name())
                .containsExactly("id", "title");
        assertThat(PlainSql.queryLong(db.engine(), "select count(*) from memo where title = 'kept'")).isEqualTo(1);
        assertThat(db.migrations(Binds.DEFAULT)).extracting(Migration::version).startsWith("1");
        assertThat(db.migrations(Binds.DEFAULT).get(1).state())
                .isEqualTo(rollsBackDdl(database) ? Migration.State.PENDING : Migration.State.FAILED);
        if (!rollsBackDdl(database)) {
            db.repairMigrations(Binds.DEFAULT);
            assertThat(db.migrations(Binds.DEFAULT)).extracting(Migration::state)
                    .containsExactly(Migration.State.APPLIED, Migration.State.PENDING);
        }
    }

    private static boolean rollsBackDdl(TestDatabase database) {
        return database == TestDatabase.POSTGRESQL || database == TestDatabase.SQLITE;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachBindReadsItsOwnFolderAndTheFolderOfItsDatabase(TestDatabase database) throws IOException {
        this.database = database;
        String url = IsolatedSchema.create(database, dir, SCHEMA);
        writeFile("V1__create_memo.sql", "create table memo (id integer not null primary key);");
        writeFile(database.name().toLowerCase(java.util.Locale.ROOT) + "/V2__only_here.sql",
                "create table only_here (id integer not null primary key);");
        writeFile("h2x/V2__elsewhere.sql", "create table elsewhere (id integer not null primary key);");
        writeFile("auth/V1__create_login.sql", "create table login (id integer not null primary key);");
        Carafe db = open(url, builder -> builder.bind("auth", TestDatabase.SQLITE.url(dir)));
        assertThat(db.migrate()).extracting(Migration::bindKey, Migration::script).containsExactly(
                org.assertj.core.groups.Tuple.tuple("default", "V1__create_memo.sql"),
                org.assertj.core.groups.Tuple.tuple("default", database.name().toLowerCase(java.util.Locale.ROOT)
                        + "/V2__only_here.sql"),
                org.assertj.core.groups.Tuple.tuple("auth", "V1__create_login.sql"));
        assertThat(PlainSql.tableExists(db.engine(), "only_here")).isTrue();
        assertThat(PlainSql.tableExists(db.engine(), "login")).isFalse();
        assertThat(PlainSql.tableExists(db.engine("auth"), "login")).isTrue();
        assertThat(PlainSql.tableExists(db.engine("auth"), "flyway_schema_history_auth")).isTrue();
        assertThat(db.migrate()).isEmpty();
    }

    @Test
    void migrateOnStartAppliesThePendingMigrationsAtBuild() throws IOException {
        writeFile("V1__create_memo.sql", "create table memo (id integer not null primary key, title varchar(50));");
        Carafe db = Carafe.fromConfig(dev.carafe.config.CarafeConfig.builder()
                .databaseUrl(TestDatabase.H2.url(dir)).migrationsPath(migrations().toString()).migrateOnStart(true).build());
        opened.add(db);
        assertThat(db.config().migrateOnStart()).isTrue();
        assertThat(PlainSql.tableExists(db.engine(), "memo")).isTrue();
        assertThat(db.migrations(Binds.DEFAULT)).extracting(Migration::state).containsExactly(Migration.State.APPLIED);
    }

    @Test
    void aBrokenMigrationAtStartFailsTheBuild() throws IOException {
        writeFile("V1__broken.sql", "creat table memo (id integer);");
        assertThatThrownBy(() -> Carafe.builder().databaseUrl(TestDatabase.H2.url(dir)).migrationsPath(migrations().toString())
                .migrateOnStart(true).build()).isInstanceOf(MigrationException.class)
                .hasMessageContaining("Failed to execute script V1__broken.sql");
    }

    @Test
    void anUnknownBindIsAnErrorThatListsTheConfiguredOnes() {
        Carafe db = open(TestDatabase.H2.url(dir));
        String message = "Bind key 'nope' is not configured. Configured binds: [default].";
        assertThatThrownBy(() -> db.migrate("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> db.migrations("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
        assertThatThrownBy(() -> db.writeMigration("nope", "x", migrations())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> db.schemaDifferences("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aDatabaseThatIsDownIsAClearError() {
        Carafe db = open("postgresql://app@127.0.0.1:1/app", builder -> builder.engineOptions(
                dev.carafe.config.EngineOptions.defaults().poolTimeout(Duration.ofMillis(500))), Memo.class);
        assertThatThrownBy(db::migrate).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("Bind 'default' (postgresql://app@127.0.0.1:1/app): ");
        assertThatThrownBy(db::checkSchema).isInstanceOf(DatabaseUnavailableException.class);
    }

    @Test
    void aMigrationIsNotWrittenWhileOthersArePending() throws IOException {
        writeFile("V1__create_memo.sql", "create table memo (id integer not null primary key, title varchar(50));");
        Carafe db = open(TestDatabase.H2.url(dir), Memo.class);
        assertThatThrownBy(() -> db.writeMigration(Binds.DEFAULT, "more", migrations()))
                .isInstanceOf(MigrationException.class)
                .hasMessage("Bind 'default' has migrations not applied: [V1__create_memo.sql (pending)]. Run db upgrade"
                        + " (db.migrate()) first, so that the new migration starts from the schema they make; after a"
                        + " failed one, fix it and run db repair.");
        assertThat(Files.exists(migrations().resolve("V2__more.sql"))).isFalse();
    }

    @Test
    void aDatabaseWithTablesButNoHistoryIsRefusedWithTheWayToAdoptMigrations() throws IOException {
        Carafe db = open(TestDatabase.H2.url(dir), Memo.class);
        db.createAll();
        writeFile("V1__create_memo.sql", "create table memo (id integer not null primary key, title varchar(50));");
        assertThatThrownBy(db::migrate).isInstanceOf(MigrationException.class).hasMessageEndingWith(
                "the database already has tables but no migration history (table flyway_schema_history).\nIf its"
                + " tables were made by createAll() or by hand, write a first migration that creates them (db"
                + " revision --autogenerate against an empty database), mark it as applied here with db baseline"
                + " --version 1 (db.baselineMigrations), then run db upgrade.");
        db.baselineMigrations(Binds.DEFAULT, "1");
        assertThat(db.migrate()).isEmpty();
        assertThat(db.migrations(Binds.DEFAULT)).extracting(Migration::version, Migration::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", Migration.State.APPLIED));
    }

    private void writeFile(String relativePath, String sql) throws IOException {
        Path file = migrations().resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }
}
