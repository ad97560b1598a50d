package dev.carafe.servlet;

import dev.carafe.Carafe;
import dev.carafe.servlet.ServletContainer.Deployment;
import dev.carafe.servlet.ServletContainer.WebApp;
import dev.carafe.servlet.deploy.CurrentDb;
import dev.carafe.servlet.deploy.RegisteringListener;
import dev.carafe.session.IntegrityException;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.carafe.servlet.ServletDeploymentTest.add;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asynchronous requests in Jetty 12 and Tomcat 11, the filter registered with the documented
 * one-liner: work wrapped with {@code CarafeFilter.wrap(async, ...)} that fails on a worker thread
 * answers as a servlet's failure does (Carafe's body, or the container's error page in a fresh
 * context), rolled back; a request that times out answers 503 in Carafe's format, rolled back.
 */
class AsyncRequestsTest {
    @TempDir
    Path folder;

    private Carafe db;
    private Deployment app;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopTheApplicationAndCheckForLeaks() throws InterruptedException {
        try {
            workers.shutdownNow();
            ServletDeploymentTest.assertNoOpenContextNorBusyConnection(db);
        } finally {
            if (app != null) app.close();
            CurrentDb.db = null;
            db.close();
        }
    }

    private void deploy(ServletContainer container) {
        db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class).build();
        db.createAll();
        db.useTransaction(session -> session.add(new Todo("write the docs")));
        CurrentDb.db = db;
        app = container.start(folder, new WebApp("<error-page><location>/error</location></error-page>",
                List.of(RegisteringListener.class), servlets())).started();
    }

    private ServletContainerInitializer servlets() {
        ServletContainerInitializer common = ServletDeploymentTest.servlets(db);
        return (classes, context) -> {
            common.onStartup(classes, context);
            add(context, "/async/todos/*", (request, response) -> {
                AsyncContext async = request.startAsync();
                String id = request.getPathInfo().substring(1);
                workers.execute(CarafeFilter.wrap(async, () -> {
                    db.session().add(new Todo("written before the 404"));
                    db.session().flush();
                    Todo todo = db.getOr404(Todo.class, id, "Todo " + id + " doesn't exist.");
                    write(async, todo.title);
                    async.complete();
                }));
            });
            add(context, "/async/conflict", (request, response) -> {
                AsyncContext async = request.startAsync();
                workers.execute(CarafeFilter.wrap(async, () -> {
                    throw new IntegrityException("default", "todo_title_key", "Bind 'default' refused the write:"
                            + " duplicate key value violates unique constraint \"todo_title_key\".", null);
                }));
            });
            add(context, "/async/crash", (request, response) -> {
                AsyncContext async = request.startAsync();
                workers.execute(CarafeFilter.wrap(async, () -> {
                    db.session().add(new Todo("written before the crash"));
                    db.session().flush();
                    throw new IllegalStateException("the worker crashed");
                }));
            });
            add(context, "/async/forgotten", (request, response) -> {
                db.session().add(new Todo("never completed"));
                db.session().flush();
                request.startAsync().setTimeout(200);
            });
            add(context, "/async/handled", (request, response) -> {
                AsyncContext async = request.startAsync();
                async.setTimeout(200);
                async.addListener(new TimeoutAnswer());
            });
        };
    }

    private static void write(AsyncContext async, String text) {
        try {
            async.getResponse().setContentType("text/plain;charset=utf-8");
            async.getResponse().getWriter().print(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> titles() {
        return db.withContext(() -> db.session().scalars(db.select(Todo.class).orderBy("id")).stream()
                .map(todo -> todo.title).toList());
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void wrappedWorkRunsInTheRequestsContext(ServletContainer container) {
        deploy(container);

        HttpResponse<String> response = app.get("/async/todos/1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("write the docs");
        assertThat(titles()).containsExactly("write the docs");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aNotFoundOnAWorkerThreadAnswersCarafesBodyAndIsRolledBack(ServletContainer container) {
        deploy(container);

        HttpResponse<String> json = app.get("/async/todos/7", "application/json");
        HttpResponse<String> text = app.get("/async/todos/8");

        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(json.body()).isEqualTo("{\"error\": \"Not Found\", \"description\": \"Todo 7 doesn't exist.\"}");
        assertThat(text.statusCode()).isEqualTo(404);
        assertThat(text.body()).isEqualTo("404 Not Found: Todo 8 doesn't exist.\n");
        assertThat(titles()).containsExactly("write the docs");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aRefusedWriteOnAWorkerThreadAnswers409NamingNothingOfTheSchema(ServletContainer container) {
        deploy(container);

        HttpResponse<String> response = app.get("/async/conflict", "application/json");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"error\": \"Conflict\", \"description\": \"The request conflicts with"
                + " data already stored, such as a value that must be unique or a record that others still refer to.\"}");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void anyOtherExceptionOnAWorkerThreadGivesTheContainersErrorPageInAFreshContext(ServletContainer container) {
        deploy(container);

        HttpResponse<String> response = app.get("/async/crash");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("Error page for 500: 1 todos.");
        assertThat(titles()).containsExactly("write the docs");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aTimedOutRequestAnswers503InCarafesFormatAndIsRolledBack(ServletContainer container) {
        deploy(container);

        HttpResponse<String> response = app.get("/async/forgotten", "application/json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(response.body()).isEqualTo("{\"error\": \"Service Unavailable\", \"description\": \"The request took"
                + " too long to complete. Try again shortly.\"}");
        assertThat(titles()).containsExactly("write the docs");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aServletThatAnswersItsOwnTimeoutKeepsItsAnswer(ServletContainer container) {
        deploy(container);

        HttpResponse<String> response = app.get("/async/handled");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).isEqualTo("Gave up waiting.");
    }

    /** A servlet's own answer to a timeout, as docs/web.md says to write one. */
    private static final class TimeoutAnswer implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            HttpServletResponse response = (HttpServletResponse) event.getAsyncContext().getResponse();
            response.setStatus(504);
            response.getWriter().print("Gave up waiting.");
            // Committed: Jetty does not tell a later listener that this one completed the request.
            response.flushBuffer();
            event.getAsyncContext().complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
