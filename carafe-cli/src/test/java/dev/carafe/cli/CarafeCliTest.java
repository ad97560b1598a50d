package dev.carafe.cli;

import dev.carafe.Carafe;
import dev.carafe.testing.IsolatedSchema;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PlainSql;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.migrate.v1.Memo;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The db commands on each database. Not isolated by carafe-test's {@code CarafeExtension}: migrations
 * run DDL and Flyway's own connections, which must commit, in an empty schema of their own
 * (carafe-core's {@code IsolatedSchema}, dropped after each test).
 */
class CarafeCliTest {
    private static final String SCHEMA = "carafe_cli";

    @TempDir
    Path dir;

    private final List<Carafe> opened = new ArrayList<>();
    private TestDatabase database;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void closeAndDrop() {
        try {
            for (Carafe db : opened) LeakCheck.closeChecked(db);
        } finally {
            if (database != null) IsolatedSchema.drop(database, SCHEMA);
        }
    }

    private Carafe open(String url, Class<?>... models) {
        Carafe db = Carafe.builder().databaseUrl(url).migrationsPath(dir.resolve("migration").toString()).models(models)
                .build();
        opened.add(db);
        return db;
    }

    private int run(Carafe db, String console, String... args) {
        out.reset();
        err.reset();
        BufferedReader input = console == null ? null : new BufferedReader(new StringReader(console));
        return new CarafeCli(db, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), input).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void revisionUpgradeCurrentHistoryAndCheckWorkAsScriptsExpect(TestDatabase database) throws IOException {
        this.database = database;
        Carafe db = open(IsolatedSchema.create(database, dir, SCHEMA), Memo.class);
        Path folder = dir.resolve("migration");

        assertThat(run(db, null, "db", "check")).isEqualTo(CarafeCli.FAILED);
        assertThat(out()).isEqualTo("default: table memo: missing from the database\n");
        assertThat(err()).isEqualTo("error: the database differs from the models (1 difference). Write a migration with"
                + " db revision --autogenerate -m MESSAGE, review it, and apply it with db upgrade.\n");

        assertThat(run(db, null, "db", "revision", "--autogenerate", "-m", "create memo")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("Wrote " + folder.resolve("V1__create_memo.sql")
                + ". Review it, then apply it with db upgrade.\n");
        assertThat(run(db, null, "db", "current")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("default: no migration applied, 1 pending\n");

        assertThat(run(db, null, "db", "upgrade")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("Applied default V1__create_memo.sql\ndefault: version 1 (create memo)\n");
        assertThat(run(db, null, "db", "check")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("The database matches the models of bind default.\n");
        assertThat(err()).isEmpty();

        assertThat(run(db, null, "db", "revision", "--autogenerate", "-m", "again")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("No changes: the database of bind 'default' matches its models. No migration was"
                + " written.\n");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).hasSize(1);
        }

        Files.writeString(folder.resolve("V2__add_note.sql"), "alter table memo add column note varchar(20);");
        assertThat(run(db, null, "db", "upgrade", "--bind", "default")).isEqualTo(CarafeCli.OK);
        assertThat(run(db, null, "db", "current")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("default: version 2 (add note)\n");
        assertThat(run(db, null, "db", "history")).isEqualTo(CarafeCli.OK);
        assertThat(out().lines().toList()).hasSize(2).satisfiesExactly(
                line -> assertThat(line).startsWith("default 1 applied ").endsWith(" V1__create_memo.sql"),
                line -> assertThat(line).startsWith("default 2 applied ").endsWith(" V2__add_note.sql"));
        assertThat(run(db, null, "db", "check")).isEqualTo(CarafeCli.FAILED);
        assertThat(out()).startsWith("default: column memo.note (");
        assertThat(PlainSql.tableExists(db.engine(), "memo")).isTrue();
    }

    @Test
    void dropAllAsksAndRefusesWithoutAConsoleUnlessToldYes() {
        Carafe db = open(TestDatabase.H2.url(dir), Memo.class);
        assertThat(run(db, null, "create-all")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("Created the missing tables of bind default; existing tables were left as they are.\n");

        assertThat(run(db, null, "drop-all")).isEqualTo(CarafeCli.FAILED);
        assertThat(err()).isEqualTo("error: drop-all deletes the tables of bind default and their rows; there is no"
                + " console to ask on. Run it with --yes to drop them.\n");
        assertThat(run(db, "n\n", "drop-all")).isEqualTo(CarafeCli.FAILED);
        assertThat(out()).isEqualTo("Drop the tables of bind default and every row in them? [y/N] Nothing was dropped.\n");
        assertThat(PlainSql.tableExists(db.engine(), "memo")).isTrue();

        assertThat(run(db, "y\n", "drop-all")).isEqualTo(CarafeCli.OK);
        assertThat(PlainSql.tableExists(db.engine(), "memo")).isFalse();
        run(db, null, "create-all");
        assertThat(run(db, null, "drop-all", "--yes")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("Dropped the tables of bind default.\n");
        assertThat(PlainSql.tableExists(db.engine(), "memo")).isFalse();
    }

    @Test
    void reflectPrintsTheTables() {
        Carafe db = open(TestDatabase.H2.url(dir), Memo.class);
        run(db, null, "create-all");
        assertThat(run(db, null, "reflect")).isEqualTo(CarafeCli.OK);
        assertThat(out()).isEqualTo("bind default (" + db.engine().url() + "):\n  memo\n    id bigint not null primary key\n"
                + "    title character varying(50)\n");
    }

    @Test
    void aWrongCommandLineIsExitCodeTwoWithTheUsage() {
        Carafe db = open(TestDatabase.H2.url(dir), Memo.class);
        assertThat(run(db, null, "db", "revision", "-m", "x")).isEqualTo(CarafeCli.USAGE);
        assertThat(err()).startsWith("error: db revision writes a migration from the models: add --autogenerate.")
                .contains("Usage: COMMAND [OPTIONS]");
        assertThat(run(db, null, "db", "revision", "--autogenerate")).isEqualTo(CarafeCli.USAGE);
        assertThat(err()).startsWith("error: db revision needs -m MESSAGE, which names the file: -m \"add email to user\".");
        assertThat(run(db, null, "db", "upgrade", "--force")).isEqualTo(CarafeCli.USAGE);
        assertThat(err()).startsWith("error: Unknown option --force.");
        assertThat(run(db, null, "db", "migrate")).isEqualTo(CarafeCli.USAGE);
        assertThat(err()).startsWith("error: Unknown command 'db migrate'.");
        assertThat(run(db, null, "db", "upgrade", "--bind")).isEqualTo(CarafeCli.USAGE);
        assertThat(err()).startsWith("error: --bind needs a value.");
        assertThat(run(db, null, "db", "check", "--help")).isEqualTo(CarafeCli.OK);
        assertThat(out()).startsWith("Usage: COMMAND [OPTIONS]").contains("db check");
        assertThat(err()).isEmpty();
    }

    @Test
    void anUnknownBindFailsWithTheConfiguredOnes() {
        Carafe db = open(TestDatabase.H2.url(dir), Memo.class);
        for (String[] args : List.of(new String[] {"db", "upgrade", "--bind", "nope"},
                new String[] {"db", "revision", "--autogenerate", "-m", "x", "--bind", "nope"},
                new String[] {"db", "check", "--bind=nope"}, new String[] {"create-all", "--bind", "nope"})) {
            assertThat(run(db, null, args)).isEqualTo(CarafeCli.FAILED);
            assertThat(err()).isEqualTo("error: Bind key 'nope' is not configured. Configured binds: [default].\n");
        }
    }

    @Test
    void anApplicationRunsTheCommandsAndStartsOtherwise() {
        assertThat(CarafeCli.isCommand("db", "upgrade")).isTrue();
        assertThat(CarafeCli.isCommand("create-all")).isTrue();
        assertThat(CarafeCli.isCommand("--help")).isTrue();
        assertThat(CarafeCli.isCommand()).isFalse();
        assertThat(CarafeCli.isCommand("--port=8080")).isFalse();
    }
}
