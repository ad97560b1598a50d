package dev.carafe.query;

import dev.carafe.Carafe;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.blog.Author;
import dev.carafe.testmodels.blog.Post;
import java.nio.file.Path;
import java.sql.PreparedStatement;

/** A Carafe with authors and posts on one of the test databases, with Hibernate statistics on. */
final class BlogFixture implements AutoCloseable {
    final Carafe db;

    BlogFixture(TestDatabase database, Path dir) {
        database.assumeAvailable();
        db = Carafe.builder().databaseUrl(database.url(dir)).models(Author.class, Post.class)
                .hibernateSetting("hibernate.generate_statistics", true).build();
        db.dropAll();
        db.createAll();
    }

    /** Inserts {@code authors} authors and {@code posts} posts (post i by author i % authors + 1, score i % 97) with JDBC batches. */
    BlogFixture seed(int authors, int posts) {
        db.useTransaction(session -> session.hibernate().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into author (name) values (?)")) {
                for (int i = 1; i <= authors; i++) {
                    insert.setString(1, "author " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            long firstAuthor;
            try (var rows = connection.createStatement().executeQuery("select min(id) from author")) {
                rows.next();
                firstAuthor = rows.getLong(1);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into post (title, score, author_id) values (?, ?, ?)")) {
                for (int i = 1; i <= posts; i++) {
                    insert.setString(1, "post " + i);
                    insert.setInt(2, i % 97);
                    insert.setLong(3, firstAuthor + i % authors);
                    insert.addBatch();
                    if (i % 5000 == 0) insert.executeBatch();
                }
                insert.executeBatch();
            }
        }));
        return this;
    }

    long statements() {
        return db.sessionFactory("default").getStatistics().getPrepareStatementCount();
    }

    @Override
    public void close() {
        try {
            db.dropAll();
        } finally {
            LeakCheck.closeChecked(db);
        }
    }
}
