package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
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
 * flaskr's conftest: the app on a fresh database with users test/test and other/other and one
 * post by test, created 2018-01-01, served on a free port of 127.0.0.1, with the production
 * settings (7-day sessions, 5 login attempts per 15 minutes) on a {@link TestClock}.
 */
final class BlogFixture implements AutoCloseable {
    final TestClock clock = new TestClock();
    final BlogSettings settings;
    final Carafe db;
    final Javalin app;

    BlogFixture(TestDatabase database, Path dir) {
        this(database, dir, settings -> settings);
    }

    /** The fixture with other settings, such as {@code settings -> BlogSettings.load(Map.of(), true)}. */
    BlogFixture(TestDatabase database, Path dir, UnaryOperator<BlogSettings> adjust) {
        database.assumeAvailable();
        settings = adjust.apply(new BlogSettings("test-secret", Duration.ofDays(7), false, 5, Duration.ofMinutes(15), clock));
        db = Carafe.builder().databaseUrl(database.url(dir)).models(User.class, Post.class).build();
        BlogApp.initDb(db, new PrintStream(OutputStream.nullOutputStream()));
        db.useTransaction(session -> {
            User test = session.add(user("test", "test"));
            session.add(user("other", "other"));
            Post post = new Post(test, "test title", "test\nbody");
            post.created = LocalDateTime.of(2018, 1, 1, 0, 0);
            session.add(post);
        });
        app = BlogApp.create(db, settings).start("127.0.0.1", 0);
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

    @Override
    public void close() {
        app.stop();
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
