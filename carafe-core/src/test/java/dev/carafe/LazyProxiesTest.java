package dev.carafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hibernate.Hibernate;
import org.hibernate.proxy.HibernateProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lazy associations and references to models with private fields are Hibernate proxies, whose
 * classes Carafe has Hibernate generate at their first use instead of at start-up: they must work
 * the same, also when several requests need the first one at once.
 */
class LazyProxiesTest {
    @Entity
    public static class Author {
        @Id @GeneratedValue
        private Long id;

        private String name;

        protected Author() {}

        public Author(String name) {
            this.name = name;
        }

        public Long getId() {
            return id;
        }

        public String getName() {
            return name;
        }
    }

    @Entity
    public static class Article {
        @Id @GeneratedValue
        private Long id;

        private String title;

        @ManyToOne(fetch = FetchType.LAZY)
        private Author author;

        protected Article() {}

        public Article(String title, Author author) {
            this.title = title;
            this.author = author;
        }

        public Long getId() {
            return id;
        }

        public Author getAuthor() {
            return author;
        }
    }

    @TempDir
    Path dir;

    private Carafe db;

    private long seed(TestDatabase database) {
        database.assumeAvailable();
        db = Carafe.builder().databaseUrl(database.url(dir)).models(Author.class, Article.class).build();
        db.dropAll();
        db.createAll();
        return db.inTransaction(session -> {
            Author ada = session.add(new Author("Ada"));
            for (int i = 0; i < 4; i++) session.add(new Article("article " + i, ada));
            session.flush();
            return ada.getId();
        });
    }

    @AfterEach
    void close() {
        if (db != null) LeakCheck.dropAllAndClose(db);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLazyAssociationIsAProxyThatLoadsWhenRead(TestDatabase database) {
        long ada = seed(database);
        db.useContext(() -> {
            Article article = db.session().execute(db.select(Article.class).orderBy("id")).first();
            Author author = article.getAuthor();
            assertThat(author).isInstanceOf(HibernateProxy.class);
            assertThat(Hibernate.isInitialized(author)).isFalse();
            assertThat(author.getId()).isEqualTo(ada);
            assertThat(author.getName()).isEqualTo("Ada");
            assertThat(Hibernate.isInitialized(author)).isTrue();
            Author reference = db.session().hibernate(Author.class).getReference(Author.class, ada);
            assertThat(reference).isSameAs(author);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void requestsNeedingTheFirstProxyAtOnceAllGetOne(TestDatabase database) throws Exception {
        long ada = seed(database);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Class<?>>> proxies = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                proxies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return db.withContext(() -> {
                        Author author = db.session().hibernate(Author.class).getReference(Author.class, ada);
                        assertThat(author.getName()).isEqualTo("Ada");
                        return author.getClass();
                    });
                }, pool));
            }
            start.countDown();
            List<Class<?>> classes = new ArrayList<>();
            for (CompletableFuture<Class<?>> proxy : proxies) classes.add(proxy.get(60, TimeUnit.SECONDS));
            assertThat(classes).allSatisfy(type -> assertThat(HibernateProxy.class).isAssignableFrom(type))
                    .containsOnly(classes.get(0));
        } finally {
            pool.shutdownNow();
        }
    }
}
