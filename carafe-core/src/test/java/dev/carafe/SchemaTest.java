package dev.carafe;

import dev.carafe.bind.Binds;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.config.EngineOptions;
import dev.carafe.schema.SchemaException;
import dev.carafe.schema.Column;
import dev.carafe.schema.Table;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PlainSql;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.inheritance.Bird;
import dev.carafe.testmodels.inheritance.Donald;
import dev.carafe.testmodels.schema.Ledger;
import dev.carafe.testmodels.schema.Parcel;
import dev.carafe.testmodels.schema.Receipt;
import dev.carafe.testmodels.schema.Voucher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaTest {
    /** The tables of the schema models, each with the bind it lives on. */
    private static final Map<String, String> BIND_OF_TABLE = new LinkedHashMap<>();

    static {
        BIND_OF_TABLE.put("ledger", Binds.DEFAULT);
        BIND_OF_TABLE.put("voucher", Binds.DEFAULT);
        BIND_OF_TABLE.put("receipt", "archive");
        BIND_OF_TABLE.put("parcel", "depot");
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllCreatesTheTablesOfEveryBindAndDropAllDropsThem(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database);
        try {
            assertTables(db);
            db.createAll();
            assertTables(db, "ledger", "voucher", "receipt", "parcel");
            db.dropAll();
            assertTables(db);
        } finally {
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllOfOneBindCreatesOnlyThatBindsTables(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database);
        try {
            db.createAll("archive");
            assertTables(db, "receipt");
            db.createAll("depot");
            assertTables(db, "receipt", "parcel");
        } finally {
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllTakesTheDefaultBindAmongOtherKeys(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database);
        try {
            db.createAll(Binds.DEFAULT, "depot");
            assertTables(db, "ledger", "voucher", "parcel");
            db.dropAll(Binds.DEFAULT);
            assertTables(db, "parcel");
        } finally {
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllLeavesAnExistingTableAloneAndCreatesTheMissingOnes(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database);
        try {
            PlainSql.execute(db.engine(), "create table ledger (id varchar(20) not null primary key, title varchar(10),"
                    + " note varchar(50))", "insert into ledger (id, title, note) values ('a-1', 'kept', 'by hand')");
            db.createAll();
            assertTables(db, "ledger", "voucher", "receipt", "parcel");
            db.reflect(Binds.DEFAULT);
            Table ledger = db.metadata().table("ledger").orElseThrow();
            assertThat(ledger.columns()).extracting(Column::name).containsExactly("id", "title", "note");
            assertThat(ledger.column("id").orElseThrow().type()).endsWith("(20)");
            assertThat(ledger.column("title").orElseThrow().type()).endsWith("(10)");
            assertThat(ledger.declared()).isTrue();
            assertThat(PlainSql.queryLong(db.engine(), "select count(*) from ledger where note = 'by hand'")).isEqualTo(1);
        } finally {
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllTwiceIsFine(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database);
        try {
            db.createAll();
            db.useTransaction(session -> session.add(new Receipt()));
            db.createAll();
            assertTables(db, "ledger", "voucher", "receipt", "parcel");
            assertThat(PlainSql.queryLong(db.engine("archive"), "select count(*) from receipt")).isEqualTo(1);
        } finally {
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void dropAllOfOneBindTouchesNoOtherBindAndNoUnmappedTable(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database);
        try {
            db.createAll();
            PlainSql.execute(db.engine("archive"), "create table schema_unmapped (id integer primary key)");
            db.dropAll("archive");
            assertTables(db, "ledger", "voucher", "parcel");
            assertThat(PlainSql.tableExists(db.engine("archive"), "schema_unmapped")).isTrue();
            db.dropAll();
            assertTables(db);
            assertThat(PlainSql.tableExists(db.engine("archive"), "schema_unmapped")).isTrue();
        } finally {
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllIgnoresTablesOfTheSameNameInOtherSchemas(TestDatabase database) {
        database.assumeAvailable();
        Assumptions.assumeTrue(database != TestDatabase.SQLITE, "SQLite has one schema per connection");
        Carafe db = build(database);
        String otherSchema = "carafe_other_schema";
        String createSchema = database == TestDatabase.MARIADB ? "create database if not exists " + otherSchema
                : "create schema if not exists " + otherSchema;
        String dropSchema = database == TestDatabase.MARIADB ? "drop database if exists " + otherSchema
                : "drop schema if exists " + otherSchema + " cascade";
        try {
            PlainSql.execute(db.engine(), dropSchema, createSchema,
                    "create table " + otherSchema + ".ledger (id integer primary key)");
            db.createAll(Binds.DEFAULT);
            assertTables(db, "ledger", "voucher");
            db.useTransaction(session -> session.add(new Ledger()));
        } finally {
            PlainSql.execute(db.engine(), dropSchema);
            cleanUp(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void bulkChangesAcrossAJoinedHierarchyLeaveNoHelperTablesBehind(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Bird.class, Donald.class).build();
        try {
            db.dropAll();
            db.createAll();
            db.useTransaction(session -> {
                for (long id = 1; id <= 3; id++) {
                    Donald donald = new Donald();
                    donald.id = id;
                    donald.wingSpan = id == 3 ? "wide" : "narrow";
                    session.add(donald);
                }
            });
            for (int round = 0; round < 2; round++) {
                int changed = db.inTransaction(session -> session.hibernate(Bird.class)
                        .createMutationQuery("update Donald set sailorHat = 'blue' where wingSpan = 'narrow'")
                        .executeUpdate());
                assertThat(changed).isEqualTo(2);
            }
            int deleted = db.inTransaction(session -> session.hibernate(Bird.class)
                    .createMutationQuery("delete from Bird where wingSpan = 'wide'").executeUpdate());
            assertThat(deleted).isEqualTo(1);
            assertThat(PlainSql.queryLong(db.engine(), "select count(*) from donald")).isEqualTo(2);
            db.reflect();
            List<String> names = db.metadata().tableNames().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
            assertThat(names).noneMatch(name -> name.startsWith("ht"));
            if (!database.isServer()) assertThat(names).containsExactly("bird", "donald");
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    /** The schema models on H2, with the given binds' databases down: PostgreSQL URLs on a port nothing listens on. */
    private Carafe withBindsDown(String... down) {
        Carafe.Builder builder = Carafe.builder().databaseUrl(TestDatabase.H2.url(dir))
                .models(Ledger.class, Voucher.class, Receipt.class, Parcel.class);
        for (String bind : List.of("archive", "depot")) {
            builder.bind(bind, List.of(down).contains(bind)
                    ? EngineOptions.url("postgresql://postgres@127.0.0.1:1/nothing")
                            .poolTimeout(Duration.ofMillis(250)).connectTimeout(Duration.ofSeconds(1))
                    : EngineOptions.url(TestDatabase.H2.url(dir)));
        }
        return builder.build();
    }

    private static final String ARCHIVE_DOWN = "- bind 'archive': Bind 'archive' (postgresql://postgres@127.0.0.1:1/nothing):"
            + " could not connect: ";

    @Test
    void createAllAndDropAllAttemptEveryBindAndReportEachFailureByBind() {
        Carafe db = withBindsDown("archive");
        try {
            assertThatThrownBy(db::createAll).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("createAll() failed on bind 'archive'; it created the missing tables of binds"
                            + " 'default' and 'depot'. Fix each failure below and call createAll() again.\n" + ARCHIVE_DOWN)
                    .hasCauseInstanceOf(DatabaseUnavailableException.class)
                    .satisfies(failure -> assertThat(((SchemaException) failure).failures()).containsOnlyKeys("archive"));
            assertThat(PlainSql.tableExists(db.engine(), "ledger")).isTrue();
            assertThat(PlainSql.tableExists(db.engine(), "voucher")).isTrue();
            assertThat(PlainSql.tableExists(db.engine("depot"), "parcel")).isTrue();

            assertThatThrownBy(db::dropAll).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("dropAll() failed on bind 'archive'; it dropped the tables of binds 'default'"
                            + " and 'depot'. Fix each failure below and call dropAll() again.\n" + ARCHIVE_DOWN);
            assertThat(PlainSql.tableExists(db.engine(), "ledger")).isFalse();
            assertThat(PlainSql.tableExists(db.engine("depot"), "parcel")).isFalse();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void everyFailedBindIsNamedWithItsOwnFailure() {
        Carafe db = withBindsDown("archive", "depot");
        try {
            assertThatThrownBy(() -> db.createAll("archive", "depot")).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("createAll() failed on binds 'archive' and 'depot'. Fix each failure below and"
                            + " call createAll() again.\n" + ARCHIVE_DOWN)
                    .hasMessageContaining("\n- bind 'depot': Bind 'depot' (postgresql://postgres@127.0.0.1:1/nothing):"
                            + " could not connect: ")
                    .satisfies(failure -> {
                        SchemaException schema = (SchemaException) failure;
                        assertThat(schema.failures()).containsOnlyKeys("archive", "depot");
                        assertThat(schema.getSuppressed()).containsExactly(schema.failures().get("depot"));
                    });
            // One bind on its own fails with that bind's own exception.
            assertThatThrownBy(() -> db.createAll("depot")).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("Bind 'depot' (postgresql://postgres@127.0.0.1:1/nothing): could not connect: ");
            db.createAll(Binds.DEFAULT);
            assertThat(PlainSql.tableExists(db.engine(), "ledger")).isTrue();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void anUnknownBindKeyIsAnErrorThatListsTheConfiguredOnes() {
        Carafe db = build(TestDatabase.H2);
        try {
            String message = "Bind key 'nope' is not configured. Configured binds: [default, archive, depot].";
            assertThatThrownBy(() -> db.createAll("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> db.dropAll("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> db.reflect("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> db.metadata("nope")).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
            assertThatThrownBy(() -> db.createAll(Binds.DEFAULT, "nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
            assertTables(db);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    @Test
    void theDefaultBindIsUnknownWhenNoDatabaseUrlIsSet() {
        Carafe db = Carafe.builder().bind("archive", TestDatabase.H2.url(dir)).models(Receipt.class).build();
        try {
            assertThatThrownBy(() -> db.createAll(Binds.DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'database-url' is not set. Bind key 'default' is not configured. Configured binds:"
                            + " [archive].");
            db.createAll();
            assertThat(PlainSql.tableExists(db.engine("archive"), "receipt")).isTrue();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    private Carafe build(TestDatabase database) {
        Carafe db = Carafe.builder()
                .databaseUrl(database.url(dir))
                .bind("archive", database.url(dir))
                .bind("depot", database.url(dir))
                .models(Ledger.class, Voucher.class, Receipt.class, Parcel.class)
                .build();
        if (database.isServer()) dropEverything(db);
        return db;
    }

    private static void cleanUp(Carafe db) {
        try {
            dropEverything(db);
        } finally {
            LeakCheck.closeChecked(db);
        }
    }

    private static void dropEverything(Carafe db) {
        db.dropAll();
        PlainSql.execute(db.engine("archive"), "drop table if exists schema_unmapped");
    }

    /** Asserts which of the schema models' tables exist, each looked up on its own bind. */
    private static void assertTables(Carafe db, String... expected) {
        List<String> existing = BIND_OF_TABLE.entrySet().stream()
                .filter(entry -> PlainSql.tableExists(db.engine(entry.getValue()), entry.getKey()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(existing).containsExactlyInAnyOrder(expected);
    }
}
