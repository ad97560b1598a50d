package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.test.TestDatabase;
import io.javalin.Javalin;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * flaskr's conftest, in two parts. {@link #database} makes the blog's tables once per test class,
 * with users test/test and other/other and one post by test, created 2018-01-01; the class registers
 * {@code CarafeExtension.of(() -> db)}, which rolls back what each test and its requests write. Each
 * test then starts the app on that database, served on a free port of 127.0.0.1 with the production
 * settings (7-day sessions, 5 login attempts per 15 minutes) on a {@link TestClock}, so that no
 * login attempt or clock move of one test reaches the next.
 */
final class BlogFixture implements AutoCloseable {
    final TestClock clock = new TestClock();
    final BlogSettings settings;
    final Carafe db;
    final Javalin app;

    BlogFixture(Carafe db) {
        this(db, settings -> settings);
    }

    /** The app with other settings, such as {@code settings -> BlogSettings.load(Map.of(), true)}. */
    BlogFixture(Carafe db, UnaryOperator<BlogSettings> adjust) {
        this.db = db;
        settings = adjust.apply(new BlogSettings("test-secret", Duration.ofDays(7), false, 5, Duration.ofMinutes(15), clock));
        app = BlogApp.create(db, settings).start("127.0.0.1", 0);
    }

    /** The blog's tables on a database, made with {@code init-db}, and the rows every test starts from, committed. */
    static Carafe database(TestDatabase database) {
        Carafe db = Carafe.builder().databaseUrl(database.url(Path.of("target"))).models(User.class, Post.class).build();
        BlogApp.initDb(db, new PrintStream(OutputStream.nullOutputStream()));
        db.useTransaction(session -> {
            User test = session.add(user("test", "test"));
            session.add(user("other", "other"));
            Post post = new Post(test, "test title", "test\nbody");
            post.created = LocalDateTime.of(2018, 1, 1, 0, 0);
            session.add(post);
        });
        return db;
    }

    /** Drops the tables {@link #database} made (the server databases are shared) and closes the database. */
    static void drop(Carafe db) {
        if (db == null) return;
        try (db) {
            db.dropAll();
        }
    }

    /** A user whose hash is computed with few iterations, as flaskr's fixture uses precomputed hashes. */
    private static User user(String name, String password) {
        User user = new User(name, "unused");
        user.passwordHash = Passwords.hash(password, 1_000);
        return user;
    }

    BlogClient client() {
        return new BlogClient(app.port());
    }

    /** A session cookie signed with a key, started now unless the values say otherwise. */
    String forgeSession(String secretKey, Map<String, String> values) {
        Map<String, String> session = new LinkedHashMap<>(values);
        session.putIfAbsent(SignedSession.ISSUED, String.valueOf(settings.clock().instant().getEpochSecond()));
        return new SignedSession(secretKey, settings.sessionMaxAge(), settings.clock()).encode(session);
    }

    /** Stops the app: the requests it was serving are over when this returns. */
    @Override
    public void close() {
        app.stop();
    }
}
