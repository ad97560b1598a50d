package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import io.javalin.Javalin;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * flaskr's conftest: the app on a fresh database with users test/test and other/other and one
 * post by test, created 2018-01-01, served on a free port of 127.0.0.1.
 */
final class BlogFixture implements AutoCloseable {
    final Carafe db;
    final Javalin app;

    BlogFixture(TestDatabase database, Path dir) {
        database.assumeAvailable();
        db = Carafe.builder().databaseUrl(database.url(dir)).models(User.class, Post.class).build();
        BlogApp.initDb(db, new PrintStream(OutputStream.nullOutputStream()));
        db.useTransaction(session -> {
            User test = session.add(user("test", "test"));
            session.add(user("other", "other"));
            Post post = new Post(test, "test title", "test\nbody");
            post.created = LocalDateTime.of(2018, 1, 1, 0, 0);
            session.add(post);
        });
        app = BlogApp.create(db, "test-secret").start("127.0.0.1", 0);
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
