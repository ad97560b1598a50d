package dev.carafe.examples.todo;

import dev.carafe.Carafe;
import dev.carafe.config.CarafeConfig;
import dev.carafe.test.TestDatabase;
import io.javalin.Javalin;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The todo app started in-process on a free port, on a fresh database: in-memory H2, or the
 * local PostgreSQL test database with its {@code todo} table dropped and created again. The tests
 * register {@code CarafeExtension.of(() -> app.db)}, which rolls back what each test and the
 * requests it sends write, and fails a test that leaves a context or a connection open.
 */
final class RunningTodoApp implements AutoCloseable {
    final Carafe db;
    private final Javalin app;

    private RunningTodoApp(Carafe db) {
        this.db = db;
        this.app = TodoApp.create(db).start(0);
    }

    static RunningTodoApp on(TestDatabase database) {
        CarafeConfig config = CarafeConfig.builder().databaseUrl(database.url(Path.of("target"))).build();
        Carafe db = TodoApp.openDatabase(config);
        if (database.isServer()) db.dropAll();
        // The shared server database holds other tests' tables, which the migrations' first run
        // refuses: the tests make the schema the way the migrations do, from the same models.
        db.createAll();
        return new RunningTodoApp(db);
    }

    /** A new browser: its own cookies, so its own session and flash messages. */
    TodoClient browser() {
        return new TodoClient("http://localhost:" + app.port());
    }

    /** Creates a todo through the form, as a user would, and returns its id. */
    long create(TodoClient browser, String title) {
        return create(browser, title, "text of " + title);
    }

    long create(TodoClient browser, String title, String text) {
        assertThat(browser.post("/new", "title", title, "text", text).statusCode()).isEqualTo(302);
        return todoTitled(title).getId();
    }

    /** Finds a todo in a context of its own, as a test looking at the database behind the app. */
    Todo todoTitled(String title) {
        return db.withContext(() -> db.session().scalar(db.select(Todo.class).filterBy("title", title)));
    }

    long todoCount() {
        return db.withContext(() -> db.count(db.select(Todo.class)));
    }

    /** Stops the server: the requests it was serving are over when this returns. */
    void stopServing() {
        app.stop();
    }

    /** Stops the server, then closes the database. */
    @Override
    public void close() {
        app.stop();
        db.close();
    }
}
