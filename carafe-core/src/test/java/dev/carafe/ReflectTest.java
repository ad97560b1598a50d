package dev.carafe;

import dev.carafe.schema.Column;
import dev.carafe.schema.ForeignKey;
import dev.carafe.schema.Index;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.Table;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PlainSql;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.reflect.Catalogue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReflectTest {
    /** The plain-SQL schema, made and dropped around each test. */
    private static final String[] SCHEMA = {
        "create table rf_shelf (site_code varchar(10) not null, shelf_no integer not null, label varchar(40),"
                + " primary key (shelf_no, site_code))",
        "create table rf_book (id integer not null, title varchar(200) not null, isbn varchar(20) not null,"
                + " shelf_no integer, site_code varchar(10), copies integer default 1 not null, note varchar(100),"
                + " primary key (id),"
                + " constraint rf_book_isbn_key unique (isbn),"
                + " constraint rf_book_shelf_fk foreign key (shelf_no, site_code) references rf_shelf (shelf_no, site_code))",
        "create index rf_book_copies_title_idx on rf_book (copies, title)",
        "create table rf_move (id integer not null primary key, from_shelf integer not null, from_site varchar(10) not null,"
                + " to_shelf integer not null, to_site varchar(10) not null, cost numeric(8,2), reason varchar(20) default 'n/a',"
                + " constraint rf_move_to_fk foreign key (to_shelf, to_site) references rf_shelf (shelf_no, site_code),"
                + " constraint rf_move_from_fk foreign key (from_shelf, from_site) references rf_shelf (shelf_no, site_code))",
    };

    /** Two unnamed keys to one table; the second names no columns where the database allows it. */
    private static String swapTable(TestDatabase database) {
        return "create table rf_swap (id integer not null primary key, a_shelf integer, a_site varchar(10),"
                + " b_shelf integer, b_site varchar(10),"
                + " foreign key (a_shelf, a_site) references rf_shelf (shelf_no, site_code),"
                + " foreign key (b_shelf, b_site) references rf_shelf"
                + (database == TestDatabase.MARIADB ? " (shelf_no, site_code))" : ")");
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reflectDescribesASchemaMadeWithPlainSql(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).build();
        try {
            dropFixture(db);
            PlainSql.execute(db.engine(), SCHEMA);
            PlainSql.execute(db.engine(), swapTable(database));
            assertThat(db.metadata().tables()).isEmpty();

            db.reflect();
            Metadata metadata = db.metadata();
            if (!database.isServer()) assertThat(metadata.tableNames()).containsExactly("rf_book", "rf_move", "rf_shelf", "rf_swap");

            String integer = integerType(database);
            Table shelf = metadata.table("rf_shelf").orElseThrow();
            assertThat(shelf.name()).isEqualTo("rf_shelf");
            assertThat(shelf.declared()).isFalse();
            assertThat(shelf.reflected()).isTrue();
            assertThat(shelf.columns()).containsExactly(
                    new Column("site_code", varchar(database, 10), false, null, true),
                    new Column("shelf_no", integer, false, null, true),
                    new Column("label", varchar(database, 40), true, null, false));
            assertThat(shelf.primaryKey()).containsExactly("shelf_no", "site_code");
            assertThat(shelf.foreignKeys()).isEmpty();
            assertThat(shelf.indexes()).isEmpty();

            Table book = metadata.table("rf_book").orElseThrow();
            assertThat(book.columns()).extracting(Column::name, Column::type, Column::nullable, Column::primaryKey)
                    .containsExactly(
                            tuple("id", integer, false, true),
                            tuple("title", varchar(database, 200), false, false),
                            tuple("isbn", varchar(database, 20), false, false),
                            tuple("shelf_no", integer, true, false),
                            tuple("site_code", varchar(database, 10), true, false),
                            tuple("copies", integer, false, false),
                            tuple("note", varchar(database, 100), true, false));
            assertThat(book.columns()).filteredOn(column -> column.defaultValue() != null).extracting(Column::name)
                    .containsExactly("copies");
            assertThat(book.column("copies").orElseThrow().defaultValue()).contains("1");
            assertThat(book.primaryKey()).containsExactly("id");
            assertThat(book.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::referencedTable,
                    ForeignKey::referencedColumns).containsExactly(
                            tuple(List.of("shelf_no", "site_code"), "rf_shelf", List.of("shelf_no", "site_code")));
            // Some databases add an index for each foreign key: the indexes are checked with "contains".
            assertThat(book.indexes()).extracting(Index::columns, Index::unique)
                    .contains(tuple(List.of("isbn"), true), tuple(List.of("copies", "title"), false))
                    .doesNotContain(tuple(List.of("id"), true));
            assertThat(book.indexes()).extracting(Index::name).contains("rf_book_copies_title_idx");

            Table move = metadata.table("rf_move").orElseThrow();
            assertThat(move.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::referencedTable,
                    ForeignKey::referencedColumns).containsExactlyInAnyOrder(
                            tuple(List.of("from_shelf", "from_site"), "rf_shelf", List.of("shelf_no", "site_code")),
                            tuple(List.of("to_shelf", "to_site"), "rf_shelf", List.of("shelf_no", "site_code")));
            assertThat(move.column("cost").orElseThrow().type()).isEqualTo(numeric(database, 8, 2));
            assertThat(move.column("reason").orElseThrow().defaultValue()).contains("n/a");
            assertThat(move.foreignKeys()).extracting(ForeignKey::name)
                    .containsExactlyInAnyOrder("rf_move_from_fk", "rf_move_to_fk");

            assertThat(metadata.table("rf_swap").orElseThrow().foreignKeys()).extracting(ForeignKey::columns,
                    ForeignKey::referencedTable, ForeignKey::referencedColumns).containsExactlyInAnyOrder(
                            tuple(List.of("a_shelf", "a_site"), "rf_shelf", List.of("shelf_no", "site_code")),
                            tuple(List.of("b_shelf", "b_site"), "rf_shelf", List.of("shelf_no", "site_code")));
        } finally {
            try {
                dropFixture(db);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void metadataListsDeclaredTablesBeforeReflectAndEachTableOnceAfter(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = Carafe.builder().databaseUrl(database.url(dir)).models(Catalogue.class).build();
        try {
            dropFixture(db);
            assertThat(db.metadata().tableNames()).containsExactly("catalogue");
            Table declared = db.metadata().table("catalogue").orElseThrow();
            assertThat(declared.declared()).isTrue();
            assertThat(declared.reflected()).isFalse();
            assertThat(declared.primaryKey()).containsExactly("id");
            assertThat(declared.columns()).extracting(Column::name, Column::nullable, Column::primaryKey)
                    .containsExactlyInAnyOrder(tuple("id", false, true), tuple("title", true, false));

            db.createAll();
            PlainSql.execute(db.engine(), SCHEMA);
            db.reflect();
            Metadata metadata = db.metadata();
            assertThat(metadata.tables()).filteredOn(table -> table.name().equalsIgnoreCase("catalogue")).singleElement()
                    .matches(table -> table.declared() && table.reflected());
            assertThat(metadata.table("rf_book")).get().matches(table -> !table.declared() && table.reflected());
            if (!database.isServer()) {
                assertThat(metadata.tableNames()).containsExactly("catalogue", "rf_book", "rf_move", "rf_shelf");
            }
        } finally {
            try {
                dropFixture(db);
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private static void dropFixture(Carafe db) {
        db.dropAll();
        PlainSql.execute(db.engine(), "drop table if exists rf_swap", "drop table if exists rf_move",
                "drop table if exists rf_book",
                "drop table if exists rf_shelf");
    }

    private static String integerType(TestDatabase database) {
        return switch (database) {
            case H2, SQLITE -> "integer";
            case POSTGRESQL -> "int4";
            case MARIADB -> "int";
        };
    }

    private static String numeric(TestDatabase database, int precision, int scale) {
        return (database == TestDatabase.MARIADB ? "decimal" : "numeric") + "(" + precision + "," + scale + ")";
    }

    private static String varchar(TestDatabase database, int size) {
        return (database == TestDatabase.H2 ? "character varying" : "varchar") + "(" + size + ")";
    }
}
