package dev.carafe;

import dev.carafe.model.internal.SnakeCase;
import dev.carafe.schema.Column;
import dev.carafe.schema.ForeignKey;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.Table;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.PlainSql;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.inheritance.Bird;
import dev.carafe.testmodels.inheritance.Call;
import dev.carafe.testmodels.inheritance.Donald;
import dev.carafe.testmodels.inheritance.Duck;
import dev.carafe.testmodels.inheritance.Goose;
import dev.carafe.testmodels.naming.Author;
import dev.carafe.testmodels.naming.BazBar;
import dev.carafe.testmodels.naming.BlogEntry;
import dev.carafe.testmodels.naming.Eggs;
import dev.carafe.testmodels.naming.FOOBar;
import dev.carafe.testmodels.naming.RubberDuck;
import dev.carafe.testmodels.reserved.Order;
import dev.carafe.testmodels.reserved.User;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NamingTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "CamelCase, camel_case",
        "Snake_case, snake_case",
        "HTMLLayout, html_layout",
        "LayoutHTML, layout_html",
        "HTTP2Request, http2_request",
        "ShoppingCartSession, shopping_cart_session",
        "ABC, abc",
        "PreABC, pre_abc",
        "ABCPost, abc_post",
        "PreABCPost, pre_abc_post",
        "HTTP2RequestSession, http2_request_session",
        "UserST4, user_st4",
        "HTTP2ClientType3EncoderParametersSSE, http2_client_type3_encoder_parameters_sse",
        "LONGName4TestingCamelCase2snake_caseXYZ, long_name4_testing_camel_case2snake_case_xyz",
        "FooBarSSE2, foo_bar_sse2",
        "AlarmMessageSS2SignalTransformer, alarm_message_ss2_signal_transformer",
        "AstV2Node, ast_v2_node",
        "HTTPResponseCodeXYZ, http_response_code_xyz",
        "get2HTTPResponse123Code, get2_http_response123_code",
        "FOOBar, foo_bar",
        "BazBar, baz_bar",
        "RubberDuck, rubber_duck",
        "Todo, todo",
        "User, user",
        "_Private, private",
    })
    void camelCaseBecomesSnakeCaseAsInFlaskSqlalchemy(String name, String expected) {
        assertThat(SnakeCase.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} becomes {1}")
    @CsvSource({
        "getHTTPresponseCode, get_htt_presponse_code",
        "__test__Method, test___method",
    })
    void theUndesirableOutputsOfFlaskSqlalchemyAreKeptForParity(String name, String expected) {
        assertThat(SnakeCase.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tablesAreNamedAfterTheirModelInSnakeCaseUnlessTheyNameThemselves(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database, FOOBar.class, BazBar.class, RubberDuck.class, Eggs.class, Author.class,
                BlogEntry.class);
        List<String> names = List.of("author", "baz_bar", "blog_entry", "blog_entry_score_by_judge", "blog_entry_tag_names",
                "foo_bar",
                "rubber_duck", "spam");
        try {
            assertThat(db.metadata().tableNames()).containsExactlyElementsOf(names);
            db.dropAll();
            db.createAll();
            db.reflect();
            Metadata metadata = db.metadata();
            for (String name : names) {
                assertThat(metadata.table(name)).as(name).get()
                        .matches(table -> table.name().equals(name) && table.declared() && table.reflected());
            }
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void columnsAreNamedAfterTheirAttributeInSnakeCase(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database, Author.class, BlogEntry.class);
        try {
            Table declared = db.metadata().table("blog_entry").orElseThrow();
            assertThat(declared.columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("id", "created_at", "author_id");
            assertThat(declared.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::referencedTable,
                    ForeignKey::referencedColumns).containsExactly(tuple(List.of("author_id"), "author", List.of("id")));
            assertThat(db.metadata().table("author").orElseThrow().columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("id", "full_name");
            assertThat(db.metadata().table("blog_entry_tag_names").orElseThrow().columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("blog_entry_id", "tag_names", "tag_names_order");
            assertThat(db.metadata().table("blog_entry_score_by_judge").orElseThrow().columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("blog_entry_id", "score_by_judge", "score_by_judge_key");

            db.dropAll();
            db.createAll();
            db.reflect();
            Table reflected = db.metadata().table("blog_entry").orElseThrow();
            assertThat(reflected.columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("id", "created_at", "author_id");
            assertThat(db.metadata().table("blog_entry_tag_names").orElseThrow().columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("blog_entry_id", "tag_names", "tag_names_order");
            assertThat(db.metadata().table("blog_entry_score_by_judge").orElseThrow().columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("blog_entry_id", "score_by_judge", "score_by_judge_key");
            assertThat(reflected.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::referencedTable,
                    ForeignKey::referencedColumns).containsExactly(tuple(List.of("author_id"), "author", List.of("id")));
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void singleTableChildrenShareTheirParentsTableAndJoinedChildrenGetTheirOwn(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database, Duck.class, Call.class, Bird.class, Donald.class, Goose.class);
        try {
            assertThat(db.metadata().tableNames()).containsExactly("BIRD", "donald", "duck", "goose");
            assertInheritanceTables(db.metadata());

            db.dropAll();
            db.createAll();
            db.reflect();
            Metadata metadata = db.metadata();
            assertInheritanceTables(metadata);
            for (String name : List.of("bird", "donald", "duck", "goose")) {
                assertThat(metadata.table(name)).as(name).get().matches(t -> t.declared() && t.reflected());
            }
            for (String missing : List.of("call", "animal")) {
                assertThat(PlainSql.tableExists(db.engine(), missing)).as(missing).isFalse();
            }
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    private static void assertInheritanceTables(Metadata metadata) {
        assertThat(metadata.table("duck").orElseThrow().columns()).extracting(Column::name)
                .containsExactlyInAnyOrder("id", "name", "loudness", "dtype");
        assertThat(metadata.table("bird").orElseThrow().columns()).extracting(Column::name)
                .containsExactlyInAnyOrder("id", "wing_span");
        Table donald = metadata.table("donald").orElseThrow();
        assertThat(donald.columns()).extracting(Column::name).containsExactlyInAnyOrder("id", "sailor_hat");
        assertThat(donald.primaryKey()).containsExactly("id");
        assertThat(donald.foreignKeys()).singleElement().satisfies(key -> {
            assertThat(key.columns()).containsExactly("id");
            assertThat(key.referencedTable()).isEqualToIgnoringCase("bird");
            assertThat(key.referencedColumns()).containsExactly("id");
        });
        assertThat(metadata.table("goose").orElseThrow().columns()).extracting(Column::name)
                .containsExactlyInAnyOrder("id", "hatched_on", "honk");
        assertThat(metadata.table("call")).isEmpty();
        assertThat(metadata.table("animal")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void reservedWordsWorkAsTableAndColumnNames(TestDatabase database) {
        database.assumeAvailable();
        Carafe db = build(database, User.class, Order.class);
        try {
            assertThat(db.metadata().tableNames()).containsExactly("order", "user");
            db.dropAll();
            db.createAll();
            db.useTransaction(session -> {
                User ann = session.add(new User("ann"));
                session.add(new Order(ann, 2024, "tea"));
                session.add(new Order(ann, 2025, "cake"));
            });
            db.useContext(() -> {
                List<Order> orders = db.session().hibernate(Order.class)
                        .createSelectionQuery("from Order o where o.year = :year and o.user.name = :name", Order.class)
                        .setParameter("year", 2024)
                        .setParameter("name", "ann")
                        .getResultList();
                assertThat(orders).extracting(order -> order.value).containsExactly("tea");
                assertThat(db.session().hibernate(User.class)
                        .createSelectionQuery("select count(*) from User", Long.class).getSingleResult()).isEqualTo(1L);
                // Carafe's own selects write these names into HQL: they must survive as identifiers.
                var byYear = db.select(Order.class).fetch("user").filterBy("value", "cake").orderByDesc("year");
                assertThat(db.session().scalars(byYear)).extracting(order -> order.year).containsExactly(2025);
                assertThat(db.paginate(db.select(Order.class).orderBy("year", "value"),
                        dev.carafe.pagination.PageRequest.of(1, 1)).total()).isEqualTo(2);
                assertThat(db.query(Order.class).filterBy("year", 2024).count()).isEqualTo(1);
            });
            db.reflect();
            assertThat(db.metadata().table("order").orElseThrow().columns()).extracting(Column::name)
                    .containsExactlyInAnyOrder("id", "year", "value", "user_id");
            assertThat(db.metadata().table("user")).get().matches(t -> t.declared() && t.reflected());

            db.dropAll();
            assertThat(PlainSql.tableExists(db.engine(), "order")).isFalse();
            assertThat(PlainSql.tableExists(db.engine(), "user")).isFalse();
        } finally {
            db.dropAll();
            LeakCheck.closeChecked(db);
        }
    }

    private Carafe build(TestDatabase database, Class<?>... models) {
        return Carafe.builder().databaseUrl(database.url(dir)).models(models).build();
    }
}
