package dev.carafe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.carafe.bind.Binds;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.ConfigException;
import dev.carafe.observe.NPlusOneException;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Account;
import dev.carafe.testmodels.Todo;
import dev.carafe.testmodels.blog.Author;
import dev.carafe.testmodels.blog.Post;
import dev.carafe.testmodels.observe.Member;
import dev.carafe.testmodels.observe.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordQueriesTest {
    @TempDir
    Path dir;

    private Carafe db;
    private ListAppender<ILoggingEvent> sqlLog;

    private Carafe open(TestDatabase database, Consumer<Carafe.Builder> settings) {
        database.assumeAvailable();
        Carafe.Builder builder = Carafe.builder().databaseUrl(database.url(dir)).bind("auth", "sqlite://")
                .models(Todo.class, Account.class, Tag.class, Author.class, Post.class, Member.class);
        settings.accept(builder);
        db = builder.build();
        db.dropAll();
        db.createAll();
        return db;
    }

    private List<ILoggingEvent> captureSqlLog() {
        return captureSqlLog(Level.INFO);
    }

    private List<ILoggingEvent> captureSqlLog(Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger("carafe.sql");
        sqlLog = new ListAppender<>();
        sqlLog.start();
        logger.addAppender(sqlLog);
        logger.setLevel(level);
        return sqlLog.list;
    }

    @AfterEach
    void close() {
        if (sqlLog != null) {
            Logger logger = (Logger) LoggerFactory.getLogger("carafe.sql");
            logger.detachAppender(sqlLog);
            logger.setLevel(null);
        }
        if (db != null) {
            try {
                db.dropAll();
            } finally {
                LeakCheck.closeChecked(db);
            }
        }
    }

    private static Connection connectionOf(Carafe db) {
        AtomicReference<Connection> connection = new AtomicReference<>();
        db.useContext(() -> db.session().hibernate().doWork(connection::set));
        return connection.get();
    }

    @Test
    void recordingIsOffByDefaultAndTheConnectionIsThePoolsOwn() {
        open(TestDatabase.H2, builder -> {});
        db.useContext(() -> {
            db.session().add(new Todo("x"));
            db.session().flush();
            assertThat(db.recordedQueries()).isEmpty();
        });
        Connection connection = connectionOf(db);
        assertThat(Proxy.isProxyClass(connection.getClass())).isFalse();
        assertThat(connection.getClass().getName()).startsWith("com.zaxxer.hikari.pool.HikariProxyConnection");
    }

    @Test
    void withRecordingTheConnectionGoesThroughTheStatementProxy() {
        open(TestDatabase.H2, builder -> builder.recordQueries(true));
        assertThat(Proxy.isProxyClass(connectionOf(db).getClass())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachStatementIsRecordedWithItsParametersTimingAndLocation(TestDatabase database) {
        open(database, builder -> builder.recordQueries(true));
        long id = db.inTransaction(session -> session.add(new Todo("secret-value-42")).id);
        db.useContext(() -> {
            assertThat(db.recordedQueries()).isEmpty();
            db.session().get(Todo.class, id);
            List<RecordedQuery> queries = db.recordedQueries();
            assertThat(queries).hasSize(1);
            RecordedQuery query = queries.get(0);
            assertThat(query.bind()).isEqualTo(Binds.DEFAULT);
            assertThat(query.statement().toLowerCase()).contains("select").contains("from todo");
            assertThat(query.parameters()).containsExactly(List.of(id));
            assertThat(query.startTime()).isBeforeOrEqualTo(query.endTime());
            assertThat(query.duration()).isPositive();
            assertThat(query.location()).startsWith("dev.carafe.RecordQueriesTest.lambda$")
                    .contains("(RecordQueriesTest.java:");
            db.session().scalars(db.select(Todo.class).filterBy("title", "secret-value-42"));
            RecordedQuery filtered = db.recordedQueries().get(1);
            assertThat(filtered.statement()).doesNotContain("secret-value-42");
            assertThat(filtered.parameters()).containsExactly(List.of("secret-value-42"));
        });
        assertThat(db.recordedQueries()).isEmpty();
    }

    @Test
    void onPostgresqlAnInsertReturnsOnlyTheNewId() {
        open(TestDatabase.POSTGRESQL, builder -> builder.recordQueries(true));
        db.useContext(() -> {
            Todo todo = db.session().add(new Todo("one column back"));
            db.session().commit();
            RecordedQuery insert = db.recordedQueries().get(0);
            // Not getGeneratedKeys(), which PostgreSQL's driver answers with every column ("returning *").
            assertThat(insert.statement().toLowerCase()).startsWith("insert into todo").endsWith("returning id");
            assertThat(todo.id).isNotNull();
        });
    }

    @Test
    void batchedStatementsAreRecordedWithEveryParameterSet() {
        open(TestDatabase.H2, builder -> builder.recordQueries(true));
        db.useContext(() -> {
            for (long i = 1; i <= 5; i++) db.session().add(new Tag(i, "tag " + i));
            db.session().flush();
            List<RecordedQuery> inserts = db.recordedQueries().stream()
                    .filter(q -> q.statement().toLowerCase().startsWith("insert")).toList();
            assertThat(inserts).hasSize(1);
            assertThat(inserts.get(0).parameters()).hasSize(5).contains(List.of("tag 3", 3L));
            db.session().rollback();
        });
    }

    @Test
    void statementsOfEveryBindAreRecordedInOneList() {
        open(TestDatabase.H2, builder -> builder.recordQueries(true));
        db.useContext(() -> {
            db.session().add(new Todo("t"));
            db.session().add(new Account("a"));
            db.session().flush();
            // SQLite reads the generated key with a second statement.
            assertThat(db.recordedQueries()).extracting(RecordedQuery::bind).startsWith(Binds.DEFAULT, "auth")
                    .containsOnly(Binds.DEFAULT, "auth");
            db.session().rollback();
        });
    }

    @Test
    void echoLogsEveryStatementWithItsDurationAtInfoAndItsParametersOnlyAtDebug() {
        List<ILoggingEvent> log = captureSqlLog();
        open(TestDatabase.H2, builder -> builder.echo(true));
        log.clear();
        db.useContext(() -> db.session().scalars(db.select(Todo.class).filterBy("title", "echoed")));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).getLevel()).isEqualTo(Level.INFO);
        assertThat(log.get(0).getFormattedMessage()).startsWith("[default] select").endsWith(" ms")
                .doesNotContain("parameters").doesNotContain("echoed");

        ((Logger) LoggerFactory.getLogger("carafe.sql")).setLevel(Level.DEBUG);
        log.clear();
        db.useContext(() -> db.session().scalars(db.select(Todo.class).filterBy("title", "echoed")));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(log.get(0).getFormattedMessage()).startsWith("[default] select").contains(" | parameters [[echoed]] | ")
                .endsWith(" ms");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void valuesBoundToSecretColumnsAreMaskedInRecordedQueriesEchoAndSlowStatementLogs(TestDatabase database) {
        List<String> secrets = List.of("pbkdf2-hash-of-ada", "key-of-ada", "DE89-ada", "pbkdf2-new-hash");
        List<ILoggingEvent> log = captureSqlLog(Level.DEBUG);
        open(database, builder -> builder.recordQueries(true).echo(true).slowQueryThreshold(Duration.ofNanos(1))
                .redactParameters("iban"));
        log.clear();
        db.useContext(() -> {
            Member member = db.session().add(new Member("ada", "pbkdf2-hash-of-ada", "key-of-ada", "DE89-ada"));
            db.session().flush();
            member.passwordHash = "pbkdf2-new-hash";
            db.session().flush();
            assertThat(db.session().scalars(db.select(Member.class).filterBy("passwordHash", "pbkdf2-new-hash"))).hasSize(1);
            assertThat(db.session().scalars(db.select(Member.class).filterBy("name", "ada"))).hasSize(1);
            List<RecordedQuery> queries = db.recordedQueries();
            List<Object> insert = statement(queries, "insert into member").parameters().get(0);
            assertThat(insert).contains("ada").filteredOn("***"::equals).hasSize(3);
            List<Object> update = statement(queries, "update member").parameters().get(0);
            assertThat(update).contains("ada", member.id).filteredOn("***"::equals).hasSize(3);
            List<RecordedQuery> selects = queries.stream()
                    .filter(query -> query.statement().toLowerCase().startsWith("select") && query.statement().contains("member"))
                    .toList();
            assertThat(selects).extracting(RecordedQuery::parameters).containsSubsequence(List.of(List.of("***")),
                    List.of(List.of("ada")));
            assertThat(queries.toString()).doesNotContain(secrets);
            db.session().rollback();
        });
        assertThat(log).extracting(ILoggingEvent::getLevel).contains(Level.DEBUG, Level.WARN);
        assertThat(log).filteredOn(event -> event.getLevel() == Level.DEBUG)
                .anyMatch(event -> event.getFormattedMessage().replaceAll("[\"`]", "").startsWith("[default] update member set")
                        && event.getFormattedMessage().contains("***"));
        assertThat(log).filteredOn(event -> event.getLevel() == Level.WARN)
                .anyMatch(event -> event.getFormattedMessage().startsWith("Slow statement on bind 'default'"));
        for (ILoggingEvent event : log) assertThat(event.getFormattedMessage()).doesNotContain(secrets);
    }

    private static RecordedQuery statement(List<RecordedQuery> queries, String start) {
        // Without the quotes some databases need around "member".
        return queries.stream().filter(query -> query.statement().toLowerCase().replaceAll("[\"`]", "").startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No statement starting with '" + start + "' in " + queries));
    }

    @Test
    void slowStatementsAreLoggedWithTheirLocation() {
        List<ILoggingEvent> log = captureSqlLog();
        open(TestDatabase.H2, builder -> builder.slowQueryThreshold(Duration.ofNanos(1)));
        log.clear();
        db.useContext(() -> db.session().scalars(db.select(Todo.class)));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(log.get(0).getFormattedMessage()).startsWith("Slow statement on bind 'default': ")
                .contains("(threshold 0 ms) at dev.carafe.RecordQueriesTest.").contains("from todo");
    }

    @Test
    void eachLocationIsTheLineThatCalledCarafeOrTouchedALazyAssociation() {
        open(TestDatabase.H2, builder -> builder.recordQueries(true));
        seedPostsWithDistinctAuthors(2);
        long lone = db.inTransaction(session -> session.add(new Author("no posts")).id);
        db.useContext(() -> {
            int pageLine = lineHere() + 1;
            db.paginate(db.select(Post.class).orderBy("id"), dev.carafe.pagination.PageRequest.of(1, 5));
            int firstLine = lineHere() + 1;
            db.query(Post.class).orderBy("id").first();
            Author reference = db.session().hibernate().getReference(Author.class, lone);
            int lazyLine = lineHere() + 1;
            assertThat(reference.name()).isEqualTo("no posts");
            // Carafe's calls report the line that called them (a page is its rows, their authors, loaded
            // with them, and the count); a lazy load reports the line that touched the reference.
            assertThat(db.recordedQueries()).extracting(RecordedQuery::location).extracting(RecordQueriesTest::line)
                    .containsExactly(pageLine, pageLine, pageLine, firstLine, lazyLine);
            assertThat(db.recordedQueries()).extracting(RecordedQuery::location).allMatch(location -> location
                    .startsWith("dev.carafe.RecordQueriesTest.lambda$eachLocationIsTheLineThatCalledCarafe"));
        });
    }

    private static int lineHere() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow().getLineNumber());
    }

    private static int line(String location) {
        return Integer.parseInt(location.substring(location.lastIndexOf(':') + 1, location.length() - 1));
    }

    private void seedPostsWithDistinctAuthors(int count) {
        db.useTransaction(session -> {
            for (int i = 1; i <= count; i++) session.add(new Post("post " + i, i, session.add(new Author("author " + i))));
        });
    }

    /** The N+1 that batch fetching cannot hide: a query per row, from one line. */
    private void loadAuthorsOneByOne() {
        for (int i = 1; i <= 12; i++) {
            assertThat(db.query(Author.class).filterBy("name", "author " + i).first()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
    void nPlusOneRaisesWhenTheSameStatementRunsTenTimesFromOneLine(TestDatabase database) {
        open(database, builder -> builder.nPlusOne(NPlusOneMode.RAISE));
        seedPostsWithDistinctAuthors(12);
        db.useContext(() -> assertThatThrownBy(this::loadAuthorsOneByOne).isInstanceOf(NPlusOneException.class)
                .hasMessageStartingWith("N+1 query pattern: the same statement ran 10 times in one context from"
                        + " dev.carafe.RecordQueriesTest.loadAuthorsOneByOne(RecordQueriesTest.java:")
                .hasMessageContaining("from author")
                .hasMessageEndingWith("Load the rows together instead, for example with select.fetch(\"association\"),"
                        + " or raise n-plus-one-threshold."));
        db.useContext(() -> {
            List<Post> posts = db.session().scalars(db.select(Post.class).fetch("author").orderBy("id"));
            posts.forEach(post -> assertThat(post.author.name()).startsWith("author"));
        });
    }

    @Test
    void nPlusOneWarnsOncePerStatementAndLocation() {
        List<ILoggingEvent> log = captureSqlLog();
        open(TestDatabase.H2, builder -> builder.nPlusOne(NPlusOneMode.WARN).nPlusOneThreshold(5));
        seedPostsWithDistinctAuthors(12);
        log.clear();
        db.useContext(this::loadAuthorsOneByOne);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(log.get(0).getFormattedMessage()).startsWith("N+1 query pattern: the same statement ran 5 times");
    }

    @Test
    void metricsGoToTheMeterRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        open(TestDatabase.H2, builder -> builder.meterRegistry(registry));
        db.useContext(() -> db.session().scalars(db.select(Todo.class)));
        assertThat(registry.get("carafe.statements").tag("bind", "default").timer().count()).isPositive();
        assertThat(registry.get("hikaricp.connections.active").tag("pool", "carafe-default").gauge()).isNotNull();
    }

    @Test
    void theObservationKeysReadFromAMapAsFromTheBuilder() {
        CarafeConfig config = CarafeConfig.fromMap(java.util.Map.of("database-url", "jdbc:h2:mem:keys",
                "n-plus-one", "Raise", "n_plus_one_threshold", "4", "slow-query-threshold", "0.25"));
        assertThat(config.nPlusOne()).isEqualTo(NPlusOneMode.RAISE);
        assertThat(config.nPlusOneThreshold()).isEqualTo(4);
        assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(config).isEqualTo(CarafeConfig.builder().databaseUrl("jdbc:h2:mem:keys").nPlusOne(NPlusOneMode.RAISE)
                .nPlusOneThreshold(4).slowQueryThreshold(Duration.ofMillis(250)).build());
        assertThatThrownBy(() -> CarafeConfig.fromMap(java.util.Map.of("n-plus-one", "loud")))
                .isInstanceOf(ConfigException.class).hasMessage("'n-plus-one' must be off, warn or raise, got 'loud'.");
        assertThatThrownBy(() -> CarafeConfig.fromMap(java.util.Map.of("n-plus-one-threshold", "1")))
                .isInstanceOf(ConfigException.class).hasMessage("'n-plus-one-threshold' must be at least 2, got 1.");
    }

    @Test
    void aMeterRegistryOfTheWrongTypeIsAClearError() {
        assertThatThrownBy(() -> Carafe.builder().meterRegistry("registry")).isInstanceOf(ConfigException.class)
                .hasMessage("meterRegistry(...) takes an io.micrometer.core.instrument.MeterRegistry; add"
                        + " io.micrometer:micrometer-core to your build. Got: java.lang.String");
    }
}
