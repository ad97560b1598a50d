package dev.carafe.query;

import dev.carafe.Carafe;
import dev.carafe.Query;
import dev.carafe.error.NotFoundException;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.Pagination;
import dev.carafe.session.Session;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.blog.Author;
import dev.carafe.testmodels.blog.Post;
import jakarta.persistence.NoResultException;
import jakarta.persistence.NonUniqueResultException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hibernate.Hibernate;
import org.hibernate.query.Order;
import org.hibernate.query.restriction.Restriction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void selectsFilterOrderLimitAndOffset(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 30)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Session session = db.session();
                assertThat(session.scalars(db.select(Post.class))).hasSize(30);
                List<Post> top = session.scalars(db.select(Post.class).orderByDesc("score").orderBy("id").limit(3));
                assertThat(top).extracting(p -> p.title).containsExactly("post 30", "post 29", "post 28");
                List<Post> window = session.scalars(db.select(Post.class).orderBy("id").offset(10).limit(2));
                assertThat(window).extracting(p -> p.title).containsExactly("post 11", "post 12");
                assertThat(session.scalars(db.select(Post.class).filterBy("score", 5))).extracting(p -> p.title)
                        .containsExactly("post 5");
                assertThat(session.scalars(db.select(Post.class).filterBy("score", "7"))).extracting(p -> p.title)
                        .containsExactly("post 7");
                assertThat(session.scalars(db.select(Post.class).orderBy(Order.desc(Post.class, "id")).limit(1)))
                        .extracting(p -> p.title).containsExactly("post 30");
                long firstId = session.scalar(db.select(Post.class).orderBy("id")).id;
                assertThat(session.scalars(db.select(Post.class).where(Restriction.restrict(Post.class, "id",
                        org.hibernate.query.range.Range.greaterThan(firstId + 26))))).hasSize(3);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void resultsGiveAllFirstOneAndAStream(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(2, 10)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Session session = db.session();
                Select<Post> byId = db.select(Post.class).orderBy("id");
                assertThat(session.execute(byId).all()).hasSize(10);
                assertThat(session.execute(byId).first().title).isEqualTo("post 1");
                assertThat(session.scalar(byId).title).isEqualTo("post 1");
                assertThat(session.execute(byId.filterBy("title", "post 4")).one().title).isEqualTo("post 4");
                assertThat(session.execute(byId.filterBy("title", "none")).oneOrNull()).isNull();
                assertThat(session.execute(byId.filterBy("title", "none")).first()).isNull();
                assertThatThrownBy(() -> session.execute(byId.filterBy("title", "none")).one())
                        .isInstanceOf(NoResultException.class);
                assertThatThrownBy(() -> session.execute(byId).one()).isInstanceOf(NonUniqueResultException.class);
                try (Stream<Post> rows = session.execute(byId).stream()) {
                    assertThat(rows.map(p -> p.title).limit(3)).containsExactly("post 1", "post 2", "post 3");
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hqlSelectsBindNamedParametersAndCountOnTheDefaultBind(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(2, 10)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Select<Post> hql = db.select("from Post p join fetch p.author where p.score > :min order by p.id", Post.class)
                        .param("min", 7);
                assertThat(db.session().scalars(hql)).extracting(p -> p.title).containsExactly("post 8", "post 9", "post 10");
                assertThat(db.session().scalar(db.select("select count(*) from Post", Long.class))).isEqualTo(10L);
                assertThat(db.count(db.select(Post.class).filterBy("score", 3))).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filterByTakesAModelForAnAssociationAndNullForIsNull(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 30)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Author second = db.session().scalars(db.select(Author.class).filterBy("name", "author 2")).get(0);
                Select<Post> bySecond = db.select(Post.class).filterBy("author", second).orderBy("id");
                assertThat(db.session().scalars(bySecond)).hasSize(10).allMatch(post -> post.author.id.equals(second.id));
                assertThat(db.count(bySecond)).isEqualTo(10);
                assertThat(db.count(db.select(Post.class).filterBy("title", null))).isZero();
                assertThat(db.paginate(bySecond.filterBy("score", 4), PageRequest.of(1, 5)).total()).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFetchLoadsTheAssociationInTheSameStatement(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(3, 20)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                long before = blog.statements();
                List<Post> posts = db.session().scalars(db.select(Post.class).fetch("author").orderBy("id"));
                posts.forEach(p -> assertThat(p.author.name).startsWith("author"));
                assertThat(posts).allMatch(p -> Hibernate.isInitialized(p.author));
                assertThat(blog.statements() - before).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void valuesAreBoundAsParametersSoAnInjectionStringIsStoredAndReadVerbatim(TestDatabase database) {
        String injection = "Robert'); DROP TABLE post; -- \" \\ %_";
        try (BlogFixture blog = new BlogFixture(database, dir).seed(1, 3)) {
            Carafe db = blog.db;
            db.useTransaction(session -> {
                Author author = session.get(Author.class, db.query(Author.class).first().id);
                session.add(new Post(injection, 1, author));
            });
            db.useContext(() -> {
                List<Post> found = db.query(Post.class).filterBy("title", injection).all();
                assertThat(found).extracting(p -> p.title).containsExactly(injection);
                assertThat(db.query(Post.class).count()).isEqualTo(4);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    void anUnknownAttributeNamesTheAttributesTheModelHas(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir)) {
            Select<Post> select = blog.db.select(Post.class);
            String message = "'secret' is not an attribute of Post. Its attributes are: author, id, score, title.";
            assertThatThrownBy(() -> select.filterBy("secret", 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
            assertThatThrownBy(() -> select.orderBy("secret")).hasMessage(message);
            assertThatThrownBy(() -> select.fetch("secret")).hasMessage(message);
            assertThatThrownBy(() -> select.fetch("title")).hasMessage("'title' of Post is not an association; fetch(...)"
                    + " takes a relationship such as a @ManyToOne.");
            assertThatThrownBy(() -> select.filterBy("score", "high")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'high' is not a valid value for Post.score, which takes a whole number.")
                    .extracting(e -> ((InvalidQueryException) e).description())
                    .isEqualTo("'high' is not a valid value for 'score': it must be a whole number.");
            assertThatThrownBy(() -> select.filterBy("secret", 1))
                    .extracting(e -> ((InvalidQueryException) e).description())
                    .isEqualTo("'secret' cannot be used to filter or sort.");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theFluentQueryCoversTheCommonCase(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(2, 25)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Query<Post> posts = db.query(Post.class);
                assertThat(posts.filterBy("title", "post 3").orderBy("id").first().score).isEqualTo(3);
                assertThat(posts.all()).hasSize(25);
                assertThat(posts.filterBy("score", 3).count()).isEqualTo(1);
                Post first = posts.orderBy("id").first();
                assertThat(posts.get(first.id)).isSameAs(first);
                assertThat(posts.getOr404(first.id)).isSameAs(first);
                assertThat(posts.filterBy("title", "post 4").oneOr404().score).isEqualTo(4);
                assertThat(posts.orderByDesc("id").firstOr404().title).isEqualTo("post 25");
                Pagination<Post> page = posts.orderBy("id").paginate(PageRequest.of(2, 10));
                assertThat(page.items()).extracting(p -> p.title).startsWith("post 11");
                assertThat(page.total()).isEqualTo(25);
                assertThat(posts.orderBy("id").paginate().perPage()).isEqualTo(20);
                assertThatThrownBy(posts::oneOrNull).isInstanceOf(NonUniqueResultException.class);
                assertThat(posts.filterBy("title", "none").oneOrNull()).isNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void the404HelpersRaiseWithAndWithoutADescription(TestDatabase database) {
        try (BlogFixture blog = new BlogFixture(database, dir).seed(1, 3)) {
            Carafe db = blog.db;
            db.useContext(() -> {
                Post post = db.query(Post.class).orderBy("id").first();
                assertThat(db.getOr404(Post.class, post.id)).isSameAs(post);
                assertThat(db.getOr404(Post.class, String.valueOf(post.id))).isSameAs(post);
                assertThatThrownBy(() -> db.getOr404(Post.class, 999_999L)).isInstanceOf(NotFoundException.class)
                        .hasMessage(NotFoundException.DEFAULT_DESCRIPTION)
                        .satisfies(e -> assertThat(((NotFoundException) e).status()).isEqualTo(404));
                assertThatThrownBy(() -> db.getOr404(Post.class, 999_999L, "Post id 999999 doesn't exist."))
                        .hasMessage("Post id 999999 doesn't exist.");
                assertThatThrownBy(() -> db.getOr404(Post.class, "abc")).isInstanceOf(NotFoundException.class);

                Select<Post> none = db.select(Post.class).filterBy("title", "none");
                Select<Post> all = db.select(Post.class).orderBy("id");
                assertThat(db.firstOr404(all).title).isEqualTo("post 1");
                assertThatThrownBy(() -> db.firstOr404(none)).isInstanceOf(NotFoundException.class)
                        .hasMessage(NotFoundException.DEFAULT_DESCRIPTION);
                assertThatThrownBy(() -> db.firstOr404(none, "No posts.")).hasMessage("No posts.");
                assertThat(db.oneOr404(all.filterBy("title", "post 2")).title).isEqualTo("post 2");
                assertThatThrownBy(() -> db.oneOr404(none)).isInstanceOf(NotFoundException.class);
                assertThatThrownBy(() -> db.oneOr404(all, "Exactly one, please.")).isInstanceOf(NotFoundException.class)
                        .hasMessage("Exactly one, please.");
            });
        }
    }
}
