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
import dev.carafe.testmodels.blog.Post;
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

    private static List<Long> ids(KeysetPage<Post> page) {
        return page.items().stream().map(p -> p.id).toList();
    }
}
