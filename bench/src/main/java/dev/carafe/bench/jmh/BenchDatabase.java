package dev.carafe.bench.jmh;

import dev.carafe.Carafe;
import dev.carafe.observe.NPlusOneMode;
import java.util.UUID;

/** An in-memory H2 database with the contract's tables and some rows, for the micro-benchmarks. */
final class BenchDatabase {
    private BenchDatabase() {}

    static Carafe open(boolean observe) {
        Carafe.Builder builder = Carafe.builder().databaseUrl("jdbc:h2:mem:jmh-" + UUID.randomUUID())
                .models(dev.carafe.bench.User.class, dev.carafe.bench.Post.class);
        if (observe) builder.recordQueries(true).nPlusOne(NPlusOneMode.WARN);
        Carafe db = builder.build();
        db.createAll();
        db.useTransaction(session -> session.hibernate().doWork(connection -> {
            try (var users = connection.prepareStatement("insert into users (username, email, created_at) values (?, ?, now())");
                    var posts = connection.prepareStatement(
                            "insert into posts (author_id, title, body, created_at) values (?, ?, ?, now())")) {
                for (int i = 1; i <= 1000; i++) {
                    users.setString(1, "user" + i);
                    users.setString(2, "user" + i + "@example.com");
                    users.addBatch();
                }
                users.executeBatch();
                for (int i = 1; i <= 5000; i++) {
                    posts.setLong(1, i % 1000 + 1);
                    posts.setString(2, "Post number " + i);
                    posts.setString(3, "body");
                    posts.addBatch();
                }
                posts.executeBatch();
            }
        }));
        return db;
    }
}
