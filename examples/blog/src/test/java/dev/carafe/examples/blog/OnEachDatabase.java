package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;

/**
 * The blog on each database that a test class extending this one names with
 * {@code @CarafeDatabases}: the blog's tables and rows are made once per class and database
 * ({@link BlogFixture#database}), each test gets the app started on them and a browser of its own,
 * and {@link CarafeExtension} rolls back what the test and its requests wrote.
 */
@ParameterizedClass(name = "{0}")
abstract class OnEachDatabase {
    static Carafe db;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> db);

    @Parameter
    TestDatabase database;

    BlogFixture blog;
    BlogClient client;

    @BeforeParameterizedClassInvocation
    static void createDatabase(TestDatabase database) {
        db = BlogFixture.database(database);
    }

    @AfterParameterizedClassInvocation
    static void dropDatabase() {
        BlogFixture.drop(db);
        db = null;
    }

    @BeforeEach
    void startApp() {
        blog = new BlogFixture(db);
        client = blog.client();
    }

    @AfterEach
    void stopApp() {
        if (blog != null) blog.close();
    }
}
