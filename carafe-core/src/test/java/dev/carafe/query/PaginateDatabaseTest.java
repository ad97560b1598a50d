package dev.carafe.query;

import dev.carafe.session.DbContext;
import java.util.HashMap;
import java.util.Map;

import dev.carafe.Carafe;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.Pagination;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.blog.Author;
import dev.carafe.testmodels.blog.Post;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hibernate.query.range.Range;
import org.hibernate.query.restriction.Restriction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.hibernate.Hibernate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaginateDatabaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pagesOfPostsWithTheirAuthorsCostTwoStatementsEach(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(10, 1000)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Select<Post> select = db.select(Post.class).fetch("author").orderByDesc("id");
                List<Long> seen = new ArrayList<>();
                for (int page = 1; page <= 10; page++) {
                    long before = blog.statements();
                    Pagination<Post> p = db.paginate(select, PageRequest.of(page, 100));
                    assertThat(p.total()).isEqualTo(1000);
                    assertThat(p.pages()).isEqualTo(10);
                    assertThat(p.items()).hasSize(100).allMatch(post -> Hibernate.isInitialized(post.author));
                    p.items().forEach(post -> assertThat(post.author.name).isNotNull());
                    assertThat(blog.statements() - before).as("statements for page " + page).isEqualTo(2);
                    p.items().forEach(post -> seen.add(post.id));
                }
                assertThat(new HashSet<>(seen)).hasSize(1000);
                assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a));
                assertThatThrownBy(() -> db.paginate(select, PageRequest.of(11, 100))).isInstanceOf(NotFoundException.class);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aPageBuiltAnewForEachRequestIsTranslatedToSqlOnlyOnce(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 60)) {
            Carafe db = blog.db;
            var statistics = db.sessionFactory("default").getStatistics();
            for (int request = 1; request <= 5; request++) {
                int page = request;
                db.useContext(() -> assertThat(db.paginate(db.select(Post.class).fetch("author").filterBy("score", page)
                        .orderByDesc("id"), PageRequest.of(1, 10)).total()).isEqualTo(1));
                if (request == 1) statistics.clear();
            }
            // The items and the count of every later request come from Hibernate's caches: the parsed HQL
            // and the SQL plan of each of the two statements, four hits a request and no miss.
            assertThat(statistics.getQueryPlanCacheMissCount()).isZero();
            assertThat(statistics.getQueryPlanCacheHitCount()).isEqualTo(4 * 4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pagesReadPageAndPerPageFromTheRequestHook(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(2, 30)) {
            Carafe db = blog.db;
            Map<String, String> query = new HashMap<>(Map.of("page", "2", "per_page", "7"));
            DbContext request = db.requestContexts().open(query::get);
            try (DbContext.Binding bound = request.bind()) {
                Pagination<Post> p = db.paginate(db.select(Post.class).orderBy("id"));
                assertThat(p.page()).isEqualTo(2);
                assertThat(p.perPage()).isEqualTo(7);
                assertThat(p.items()).extracting(post -> post.title).startsWith("post 8");
                query.put("page", "abc");
                assertThatThrownBy(() -> db.paginate(db.select(Post.class))).isInstanceOf(NotFoundException.class);
            } finally {
                request.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void keysetPagesWalkExactlyTheRowsOfAnOffsetWalkAcrossTies(TestDatabase database) {
        int rows = 100_000;
        int perPage = 2_000;
        try (BlogFixture blog = new BlogFixture(database, dir).seed(50, rows)) {
            Carafe db = blog.db;
            Select<Post> select = db.select(Post.class).orderByDesc("score");
            List<Long> offsetWalk = new ArrayList<>();
            List<Long> keysetWalk = new ArrayList<>();
            db.useContext(() -> {
                Select<Post> total = select.orderBy("id");
                for (int page = 1; page <= rows / perPage; page++) {
                    db.paginate(total, PageRequest.of(page, perPage).maxPerPage(perPage).count(false)).forEach(p -> offsetWalk.add(p.id));
                    db.session().hibernate().clear();
                }
            });
            db.useContext(() -> {
                String cursor = null;
                int pages = 0;
                KeysetPage<Post> page;
                do {
                    page = db.paginateKeyset(select, cursor, perPage);
                    page.forEach(p -> keysetWalk.add(p.id));
                    cursor = page.nextCursor();
                    pages++;
                    assertThat(page.hasPrev()).isEqualTo(pages > 1);
                    db.session().hibernate().clear();
                } while (page.hasNext());
                assertThat(pages).isEqualTo(rows / perPage);
            });
            assertThat(keysetWalk).hasSize(rows).isEqualTo(offsetWalk);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aKeysetCursorLeadsBackToThePreviousPage(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(5, 100)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Select<Post> select = db.select(Post.class).orderBy("score");
                KeysetPage<Post> first = db.paginateKeyset(select, null, 10);
                KeysetPage<Post> second = db.paginateKeyset(select, first.nextCursor(), 10);
                KeysetPage<Post> third = db.paginateKeyset(select, second.nextCursor(), 10);
                KeysetPage<Post> backToSecond = db.paginateKeyset(select, third.prevCursor(), 10);
                assertThat(ids(backToSecond)).isEqualTo(ids(second));
                KeysetPage<Post> backToFirst = db.paginateKeyset(select, backToSecond.prevCursor(), 10);
                assertThat(ids(backToFirst)).isEqualTo(ids(first));
                assertThat(backToFirst.hasPrev()).isFalse();
                assertThat(first.prevCursor()).isNull();
                assertThat(first.nextCursor()).matches("[A-Za-z0-9_.-]+");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    void aTamperedOrForeignCursorIsABadRequest(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(5, 50)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Select<Post> select = db.select(Post.class).orderBy("score");
                String cursor = db.paginateKeyset(select, null, 10).nextCursor();
                char flipped = cursor.charAt(3) == 'A' ? 'B' : 'A';
                String tampered = cursor.substring(0, 3) + flipped + cursor.substring(4);
                for (String bad : List.of(tampered, "garbage", "", "a.b", cursor + "x", cursor.replace('.', '!'),
                        "%00%27;DROP", cursor.substring(0, cursor.length() - 2))) {
                    if (bad.isEmpty()) continue;
                    assertThatThrownBy(() -> db.paginateKeyset(select, bad, 10)).as(bad)
                            .isInstanceOf(BadRequestException.class)
                            .hasMessage("Invalid cursor: it is malformed, was altered, or belongs to another query."
                                    + " Start again from the first page (no cursor).");
                }
                assertThatThrownBy(() -> db.paginateKeyset(db.select(Post.class).orderByDesc("score"), cursor, 10))
                        .isInstanceOf(BadRequestException.class);
            });
        }
    }

    private static final String FOREIGN_CURSOR = "Invalid cursor: it is malformed, was altered, or belongs to another"
            + " query. Start again from the first page (no cursor).";

    /** Runs work in a request context whose query string is the given parameters. */
    private static <T> T inRequest(Carafe db, Map<String, String> query, java.util.function.Supplier<T> work) {
        DbContext request = db.requestContexts().open(query::get);
        try (DbContext.Binding bound = request.bind()) {
            return work.get();
        } finally {
            request.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCursorCarriesItsPageSizeSoTheClientSendsOnlyTheCursor(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 40)) {
            Carafe db = blog.db;
            Select<Post> select = db.select(Post.class).orderByDesc("score");
            KeysetPage<Post> first = inRequest(db, Map.of("per_page", "7"), () -> db.paginateKeyset(select, null));
            assertThat(first.perPage()).isEqualTo(7);
            assertThat(first.items()).hasSize(7);
            KeysetPage<Post> second = inRequest(db, Map.of("cursor", first.nextCursor()),
                    () -> db.paginateKeyset(select, first.nextCursor()));
            assertThat(second.perPage()).isEqualTo(7);
            assertThat(second.items()).hasSize(7);
            KeysetPage<Post> sameSizeAsked = inRequest(db, Map.of("per_page", "7"),
                    () -> db.paginateKeyset(select, second.nextCursor()));
            assertThat(sameSizeAsked.items()).hasSize(7);
            KeysetPage<Post> back = inRequest(db, Map.of(), () -> db.paginateKeyset(select, second.prevCursor()));
            assertThat(ids(back)).isEqualTo(ids(first));
            KeysetPage<Post> explicit = db.withContext(() -> db.paginateKeyset(select, first.nextCursor(), 7));
            assertThat(ids(explicit)).isEqualTo(ids(second));
            KeysetPage<Post> byDefault = inRequest(db, Map.of(), () -> db.paginateKeyset(select, null));
            assertThat(byDefault.perPage()).isEqualTo(20);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    void aCursorMadeForAnotherPageSizeIsABadRequest(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 120)) {
            Carafe db = blog.db;
            Select<Post> select = db.select(Post.class).orderBy("score");
            String cursor = db.withContext(() -> db.paginateKeyset(select, null, 10).nextCursor());
            assertThatThrownBy(() -> inRequest(db, Map.of("per_page", "20"), () -> db.paginateKeyset(select, cursor)))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessage("Invalid cursor: it was made for pages of 10 rows, not 20. Leave per_page out to keep 10"
                            + " rows per page, or start again from the first page (no cursor).");
            assertThatThrownBy(() -> db.withContext(() -> db.paginateKeyset(select, cursor, 5)))
                    .isInstanceOf(BadRequestException.class)
                    .hasMessage("Invalid cursor: it was made for pages of 10 rows, not 5. Start again from the first page"
                            + " (no cursor).");
            // Without per_page, a genuine cursor of more rows than the request's maximum (100) is refused too.
            String large = db.withContext(() -> db.paginateKeyset(select, null, 101).nextCursor());
            assertThatThrownBy(() -> inRequest(db, Map.of(), () -> db.paginateKeyset(select, large)))
                    .isInstanceOf(BadRequestException.class).hasMessage(FOREIGN_CURSOR);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    void aCursorIsBoundToTheWholeQuery(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 300)) {
            Carafe db = blog.db;
            Select<Post> all = db.select(Post.class).orderBy("score");
            Select<Post> filtered = all.filterBy("score", 5);
            Select<Post> otherValue = all.filterBy("score", 6);
            Select<Post> restricted = all.where(Restriction.restrict(Post.class, "id", Range.greaterThan(3L)));
            Select<Post> otherBound = all.where(Restriction.restrict(Post.class, "id", Range.greaterThan(4L)));
            Select<Post> hql = db.select("from Post p where p.score >= :least", Post.class).param("least", 10)
                    .orderBy("score");
            Select<Post> otherParameter = db.select("from Post p where p.score >= :least", Post.class).param("least", 11)
                    .orderBy("score");
            List<Select<Post>> selects = List.of(all, filtered, otherValue, restricted, otherBound, hql, otherParameter,
                    all.orderByDesc("title"), db.select(Post.class).orderByDesc("score"));
            for (Select<Post> made : selects) {
                String cursor = db.withContext(() -> db.paginateKeyset(made, null, 1).nextCursor());
                assertThat(cursor).as(made.toString()).isNotNull();
                // The same query, built again as the next request builds it, takes its own cursor...
                assertThat(db.withContext(() -> db.paginateKeyset(made, cursor, 1).items())).hasSize(1);
                for (Select<Post> other : selects) {
                    if (other == made) continue;
                    // ...and every other query refuses it.
                    assertThatThrownBy(() -> db.withContext(() -> db.paginateKeyset(other, cursor, 1)))
                            .as(made + " used for " + other).isInstanceOf(BadRequestException.class)
                            .hasMessage(FOREIGN_CURSOR);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    void aCursorOfAQueryFilteredByAModelIsTakenByTheSameQueryInTheNextRequest(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 30)) {
            Carafe db = blog.db;
            // Each request loads the author anew: the cursor is bound to the author's id, not to the object.
            String cursor = db.withContext(() -> {
                Author author = db.session().scalars(db.select(Author.class).orderBy("id")).get(0);
                return db.paginateKeyset(db.select(Post.class).filterBy("author", author), null, 3).nextCursor();
            });
            KeysetPage<Post> next = db.withContext(() -> {
                Author author = db.session().scalars(db.select(Author.class).orderBy("id")).get(0);
                return db.paginateKeyset(db.select(Post.class).filterBy("author", author), cursor, 3);
            });
            assertThat(next.items()).hasSize(3);
            assertThatThrownBy(() -> db.withContext(() -> {
                Author other = db.session().scalars(db.select(Author.class).orderBy("id")).get(1);
                return db.paginateKeyset(db.select(Post.class).filterBy("author", other), cursor, 3);
            })).isInstanceOf(BadRequestException.class).hasMessage(FOREIGN_CURSOR);
        }
    }

    /** What a JSON endpoint sends of a post. */
    record PostView(Long id, String title) {
        static PostView of(Post post) {
            return new PostView(post.id, post.title);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    void mappedPagesOfRecordsSerializeAsPagesOfModelsDo(TestDatabase database) throws Exception {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(2, 5)) {
            Carafe db = blog.db;
            ObjectMapper json = new ObjectMapper();
            db.useContext(() -> {
                Pagination<PostView> page = db.paginate(db.select(Post.class).orderBy("id"), PageRequest.of(2, 2))
                        .map(PostView::of);
                List<Long> ids = page.items().stream().map(PostView::id).toList();
                assertThat(write(json, page)).isEqualTo("{\"items\":[{\"id\":" + ids.get(0) + ",\"title\":\"post 3\"},"
                        + "{\"id\":" + ids.get(1) + ",\"title\":\"post 4\"}],\"page\":2,\"per_page\":2,\"total\":5,"
                        + "\"pages\":3,\"has_next\":true,\"has_prev\":true,\"next_num\":3,\"prev_num\":1}");
                assertThat(page.next().items()).extracting(PostView::title).containsExactly("post 5");

                Select<Post> select = db.select(Post.class).orderBy("id");
                KeysetPage<PostView> first = db.paginateKeyset(select, null, 2).map(PostView::of);
                assertThat(write(json, first)).startsWith("{\"items\":[{\"id\":").contains("\"title\":\"post 1\"")
                        .contains("],\"per_page\":2,\"has_next\":true,\"has_prev\":false,\"next_cursor\":\""
                                + first.nextCursor() + "\",\"prev_cursor\":null}");
                KeysetPage<PostView> second = db.paginateKeyset(select, first.nextCursor(), 2).map(PostView::of);
                assertThat(second.items()).extracting(PostView::title).containsExactly("post 3", "post 4");
                assertThat(second.hasPrev()).isTrue();
            });
        }
    }

    private static String write(ObjectMapper json, Object page) {
        try {
            return json.writeValueAsString(page);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> ids(KeysetPage<Post> page) {
        return page.items().stream().map(p -> p.id).toList();
    }
}
