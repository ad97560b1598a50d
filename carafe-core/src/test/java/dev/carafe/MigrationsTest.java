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
import java.util.Optional;
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
        System.out.println(database + "\n" + Files.readString(v2));
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
}
