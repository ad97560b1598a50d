package dev.carafe.servlet;

import dev.carafe.Carafe;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.pagination.Pagination;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import dev.carafe.testing.LeakCheck;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import dev.carafe.web.ErrorFormat;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CarafeFilter inside a real Jetty 12, over real HTTP: a context per request, closed and rolled
 * back afterwards (after errors and asynchronous processing too), no connection for requests that
 * do not use the database, error pages, and query-string paging.
 *
 * <p>This module's tests use carafe-core's test helpers, not carafe-test: carafe-test's own tests run
 * on this module's filter, so a dependency on it would make a build cycle.
 */
class CarafeFilterTest {
    private static final String DEFAULT_NOT_FOUND = "404 Not Found: The requested URL was not found on the server."
            + " If you entered the URL manually please check your spelling and try again.\n";

    private Carafe db;
    private WebServer server;
    private ExecutorService workers;

    @AfterEach
    void stopTheServerAndCheckForLeaks() {
        try {
            if (server != null) server.close();
            if (workers != null) workers.shutdownNow();
        } finally {
            if (db != null) {
                awaitNoOpenContexts();
                LeakCheck.closeChecked(db);
            }
        }
    }

    private Carafe h2() {
        db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class).build();
        db.createAll();
        return db;
    }

    private void seed(int rows) {
        db.useTransaction(session -> {
            for (int i = 1; i <= rows; i++) session.add(new Todo("todo " + i));
        });
    }

    private List<String> titles() {
        return db.withContext(() -> db.session().scalars(db.select(Todo.class).orderBy("id")).stream()
                .map(todo -> todo.title).toList());
    }

    /** Asynchronous requests close their context on a container thread, just after the response. */
    private void awaitNoOpenContexts() {
        long deadline = System.nanoTime() + SECONDS.toNanos(5);
        while (db.openContexts() != 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void write(ServletResponse response, String text) {
        try {
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().print(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, SECONDS)) throw new AssertionError("timed out waiting for the test");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Nested
    class Contexts {

        @Test
        void eachRequestGetsItsOwnContextWhichIsClosedAfterTheResponse() {
            h2();
            List<DbContext> seen = new CopyOnWriteArrayList<>();
            server = WebServer.create().carafeFilter(db).servlet("/context", (request, response) -> {
                DbContext current = db.currentContext();
                seen.add(current);
                write(response, current == CarafeFilter.context(request) ? "the request's context" : "another one");
            }).start();

            HttpResponse<String> first = server.get("/context");
            assertThat(db.openContexts()).isZero();
            HttpResponse<String> second = server.get("/context");
            assertThat(db.openContexts()).isZero();

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("the request's context");
            assertThat(second.body()).isEqualTo("the request's context");
            assertThat(seen).hasSize(2);
            assertThat(seen.get(0)).isNotSameAs(seen.get(1));
            assertThat(seen).noneMatch(DbContext::isOpen);
        }

        @Test
        void aRequestOutsideTheFilterIsToldHowToInstallIt() {
            h2();
            server = WebServer.create().servlet("/plain", (request, response) -> {
                try {
                    CarafeFilter.context(request);
                    write(response, "a context");
                } catch (IllegalStateException e) {
                    write(response, e.getMessage() + " / has a current context: " + db.hasContext());
                }
            }).start();

            assertThat(server.get("/plain").body()).isEqualTo("This request has no Carafe context: install"
                    + " CarafeFilter (or register CarafePlugin in Javalin) for this path. / has a current context: false");
        }

        @Test
        void aRequestThatDoesNotUseTheDatabaseOpensNoConnection() {
            // No createAll: the pool has never been asked for a connection, so any connection
            // opened below would show in its total.
            db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class).build();
            server = WebServer.create().carafeFilter(db).servlet("/hello", (request, response) -> {
                db.session();
                write(response, "hello; touched the database: " + db.currentContext().touchedDatabase());
            }).start();

            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/hello").body()).isEqualTo("hello; touched the database: false");
            }
            assertThat(db.engine().totalConnections()).isZero();
            assertThat(db.engine().activeConnections()).isZero();
        }

        @Test
        void onlyARequestThatWritesHoldsAConnectionWhileItRuns() {
            h2();
            server = WebServer.create().carafeFilter(db)
                    .servlet("/hello", (request, response) ->
                            write(response, "active connections: " + db.engine().activeConnections()))
                    .servlet("/count", (request, response) -> {
                        long todos = db.session().scalars(db.select(Todo.class)).size();
                        write(response, todos + " todos; active connections: " + db.engine().activeConnections());
                    })
                    .servlet("/write", (request, response) -> {
                        db.session().add(new Todo("held"));
                        db.session().flush();
                        write(response, "active connections: " + db.engine().activeConnections());
                    }).start();

            assertThat(server.get("/hello").body()).isEqualTo("active connections: 0");
            // Reads run in autocommit, so the connection goes back to the pool after each statement.
            assertThat(server.get("/count").body()).isEqualTo("0 todos; active connections: 0");
            // A write begins a transaction, which keeps its connection until the request ends.
            assertThat(server.get("/write").body()).isEqualTo("active connections: 1");
            assertThat(db.engine().activeConnections()).isZero();
            assertThat(server.get("/hello").body()).isEqualTo("active connections: 0");
        }

        @Test
        void aForwardRunsInTheRequestsContextAndAnErrorThereIsMappedOnce() {
            h2();
            List<DbContext> seen = new CopyOnWriteArrayList<>();
            server = WebServer.create().carafeFilter(db, DispatcherType.FORWARD)
                    .servlet("/posts/latest", (request, response) -> {
                        seen.add(db.currentContext());
                        db.session().add(new Todo("written before the forward"));
                        db.session().flush();
                        request.getRequestDispatcher("/posts/4").forward(request, response);
                    })
                    .servlet("/posts/4", (request, response) -> {
                        seen.add(db.currentContext());
                        throw new NotFoundException("Post id 4 doesn't exist.");
                    }).start();

            HttpResponse<String> response = server.get("/posts/latest");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("404 Not Found: Post id 4 doesn't exist.\n");
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1)).isSameAs(seen.get(0));
            assertThat(db.openContexts()).isZero();
            assertThat(titles()).isEmpty();
        }

        @Test
        void whatTheHandlerCommittedStaysAndTheRestIsRolledBack() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/todos", (request, response) -> {
                Session session = db.session();
                session.add(new Todo(request.getParameter("committed")));
                session.commit();
                session.add(new Todo(request.getParameter("uncommitted")));
                session.flush();
                write(response, "saved");
            }).start();

            HttpResponse<String> response = server.get("/todos?committed=kept&uncommitted=lost");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("saved");
            assertThat(titles()).containsExactly("kept");
        }
    }

    @Nested
    class Errors {

        private void serveNotFound() {
            h2();
            server = WebServer.create().carafeFilter(db)
                    .servlet("/posts/2", (request, response) -> {
                        db.session().add(new Todo("written before the 404"));
                        db.session().flush();
                        throw new NotFoundException("Post id 2 doesn't exist.");
                    })
                    .servlet("/posts/script", (request, response) -> {
                        throw new NotFoundException("No post named <script>alert('hi')</script> & \"co\".");
                    }).start();
        }

        @Test
        void notFoundGivesJsonToAClientThatAcceptsJson() {
            serveNotFound();

            HttpResponse<String> response = server.get("/posts/2", "application/json");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
            assertThat(response.body())
                    .isEqualTo("{\"error\": \"Not Found\", \"description\": \"Post id 2 doesn't exist.\"}");
        }

        @Test
        void notFoundGivesAnHtmlPageToABrowserWithTheDescriptionEscaped() {
            serveNotFound();
            String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

            HttpResponse<String> response = server.get("/posts/script", browser);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            assertThat(response.body()).isEqualTo("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
                    + "<h1>Not Found</h1>\n<p>No post named &lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt;"
                    + " &amp; &quot;co&quot;.</p>\n");
        }

        @Test
        void notFoundGivesPlainTextOtherwise() {
            serveNotFound();

            HttpResponse<String> response = server.get("/posts/2", "*/*");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
            assertThat(response.body()).isEqualTo("404 Not Found: Post id 2 doesn't exist.\n");
            assertThat(server.get("/posts/2").body()).isEqualTo("404 Not Found: Post id 2 doesn't exist.\n");
        }

        @Test
        void aNotFoundRequestIsRolledBackAndItsContextClosed() {
            serveNotFound();

            assertThat(server.get("/posts/2").statusCode()).isEqualTo(404);

            assertThat(db.openContexts()).isZero();
            assertThat(titles()).isEmpty();
        }

        @Test
        void aFilterConstructedWithTheJsonFormatAnswersJsonWhateverTheClientAccepts() {
            h2();
            server = WebServer.create().filter(new CarafeFilter(db, ErrorFormat.JSON)).servlet("/posts/2", (request, response) -> {
                throw new NotFoundException("Post id 2 doesn't exist.");
            }).start();

            HttpResponse<String> response = server.get("/posts/2", "text/html");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
            assertThat(response.body())
                    .isEqualTo("{\"error\": \"Not Found\", \"description\": \"Post id 2 doesn't exist.\"}");
        }

        @Test
        void badRequestGives400WithTheDescription() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/posts", (request, response) -> {
                throw new BadRequestException("The cursor is not valid: it was changed or it is from another server.");
            }).start();

            HttpResponse<String> text = server.get("/posts?cursor=abc");
            HttpResponse<String> json = server.get("/posts?cursor=abc", "application/json");

            assertThat(text.statusCode()).isEqualTo(400);
            assertThat(text.body()).isEqualTo("400 Bad Request: The cursor is not valid: it was changed or it is"
                    + " from another server.\n");
            assertThat(json.statusCode()).isEqualTo(400);
            assertThat(json.body()).isEqualTo("{\"error\": \"Bad Request\", \"description\": \"The cursor is not"
                    + " valid: it was changed or it is from another server.\"}");
        }

        @Test
        void anUnrelatedExceptionStillGivesTheContainers500ButTheContextIsClosedAndRolledBack() {
            h2();
            List<DbContext> seen = new CopyOnWriteArrayList<>();
            server = WebServer.create().carafeFilter(db).servlet("/boom", (request, response) -> {
                seen.add(db.currentContext());
                db.session().add(new Todo("written before the crash"));
                db.session().flush();
                throw new IllegalStateException("the handler crashed");
            }).start();

            HttpResponse<String> response = server.get("/boom", "application/json");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("\"description\"");
            assertThat(seen).singleElement().matches(context -> !context.isOpen(), "is closed");
            assertThat(db.openContexts()).isZero();
            assertThat(titles()).isEmpty();
        }

        @Test
        void aServletThatTookTheWriterBeforeThrowingStillGetsTheErrorPage() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/posts/7", (request, response) -> {
                response.setContentType("text/html;charset=iso-8859-1");
                response.getWriter().print("<h1>Billet 7</h1>");
                throw new NotFoundException("Le billet n°7 « 東京 » n'existe pas.");
            }).start();

            HttpResponse<String> response = server.get("/posts/7", "application/json");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
            assertThat(response.body()).isEqualTo(
                    "{\"error\": \"Not Found\", \"description\": \"Le billet n°7 « 東京 » n'existe pas.\"}");
        }

        @Test
        void anUnflushedBodyWithItsContentLengthIsReplacedByTheErrorPage() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/posts/8", (request, response) -> {
                response.addHeader("X-Request-Id", "r-8");
                response.setContentLength(9);
                response.getOutputStream().write("Post 8: ".getBytes(StandardCharsets.UTF_8));
                throw new NotFoundException("Post id 8 doesn't exist.");
            }).start();

            HttpResponse<String> response = server.get("/posts/8");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("404 Not Found: Post id 8 doesn't exist.\n");
            assertThat(response.headers().firstValue("X-Request-Id")).hasValue("r-8");
        }

        @Test
        void theErrorPageKeepsTheSessionAndCookiesTheHandlerSetBeforeThrowing() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/posts/10", (request, response) -> {
                request.getSession().setAttribute("user", "ada");
                response.addCookie(new Cookie("theme", "dark"));
                response.getWriter().print("Post 10");
                throw new NotFoundException("Post id 10 doesn't exist.");
            }).start();

            HttpResponse<String> response = server.get("/posts/10");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("404 Not Found: Post id 10 doesn't exist.\n");
            List<String> cookies = response.headers().allValues("Set-Cookie");
            assertThat(cookies).hasSize(2);
            assertThat(cookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).hasSize(1);
            assertThat(cookies).filteredOn(cookie -> cookie.startsWith("theme=dark")).hasSize(1);
        }

        @Test
        void aNotFoundWrappedInAServletExceptionByAFrameworkServletStillGives404() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/posts/9", (request, response) -> {
                try {
                    db.getOr404(Todo.class, 9L, "Post id 9 doesn't exist.");
                } catch (RuntimeException e) {
                    // What Spring's DispatcherServlet does with an exception no handler resolved.
                    throw new ServletException("Request processing failed: " + e, e);
                }
            }).start();

            HttpResponse<String> response = server.get("/posts/9");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("404 Not Found: Post id 9 doesn't exist.\n");
        }

        @Test
        void aContainerErrorPageGetsAFreshContextAfterTheRequestsOwnWasRolledBack() {
            h2();
            server = WebServer.create().carafeFilter(db, DispatcherType.ERROR)
                    .servlet("/boom", (request, response) -> {
                        db.session().add(new Todo("written before the crash"));
                        db.session().flush();
                        throw new IllegalStateException("the handler crashed");
                    })
                    .servlet("/error", (request, response) -> {
                        int todos = db.session().scalars(db.select(Todo.class)).size();
                        write(response, "Something went wrong; " + todos + " todos.");
                    });
            ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
            errorPages.addErrorPage(500, "/error");
            server.context().setErrorHandler(errorPages);
            server.start();

            HttpResponse<String> response = server.get("/boom");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("Something went wrong; 0 todos.");
            assertThat(db.openContexts()).isZero();
        }
    }

    @Nested
    class Paging {

        private void servePages() {
            h2();
            seed(30);
            server = WebServer.create().carafeFilter(db).servlet("/todos", (request, response) -> {
                Pagination<Todo> page = db.paginate(db.select(Todo.class).orderBy("id"));
                String ids = page.items().stream().map(todo -> todo.id.toString()).collect(Collectors.joining(","));
                String form = request.getParameter("page") == null ? "" : "; parameter page=" + request.getParameter("page");
                write(response, "page " + page.page() + " of " + page.pages() + ": " + ids + form);
            }).start();
        }

        private static String ids(int from, int to) {
            return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.joining(","));
        }

        @Test
        void paginateReadsPageAndPerPageFromTheQueryString() {
            servePages();

            assertThat(server.get("/todos?page=2&per_page=10").body()).isEqualTo("page 2 of 3: " + ids(11, 20)
                    + "; parameter page=2");
            assertThat(server.get("/todos").body()).isEqualTo("page 1 of 2: " + ids(1, 20));
            assertThat(server.get("/todos?per_page=%31%30&page=%33").body()).isEqualTo("page 3 of 3: " + ids(21, 30)
                    + "; parameter page=3");
        }

        @ParameterizedTest
        @ValueSource(strings = {"page=abc", "per_page=-5", "page=99999999999999999999", "page=0", "per_page=abc",
            "page=4&per_page=10", "page=2.5"})
        void badPageArgumentsGive404AndNever500(String query) {
            servePages();

            HttpResponse<String> response = server.get("/todos?" + query);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo(DEFAULT_NOT_FOUND);
        }

        @Test
        void aPageParameterInAPostBodyIsNotUsed() {
            servePages();

            HttpResponse<String> response = server.post("/todos", "page=2&per_page=10");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("page 1 of 2: " + ids(1, 20) + "; parameter page=2");
        }

        @Test
        void theQueryStringWinsOverAPostBody() {
            servePages();

            HttpResponse<String> response = server.post("/todos?page=3&per_page=10", "page=1&per_page=5");

            assertThat(response.body()).isEqualTo("page 3 of 3: " + ids(21, 30) + "; parameter page=3");
        }
    }

    @Nested
    class Async {

        @Test
        void anAsyncRequestKeepsItsContextUntilCompleteAndClosesItAfterwards() throws Exception {
            h2();
            workers = Executors.newSingleThreadExecutor();
            CountDownLatch dispatchReturned = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<DbContext> requestContext = new AtomicReference<>();
            AtomicReference<DbContext> workerContext = new AtomicReference<>();
            server = WebServer.create()
                    .filter((request, response, chain) -> {
                        try {
                            chain.doFilter(request, response);
                        } finally {
                            dispatchReturned.countDown();
                        }
                    })
                    .carafeFilter(db)
                    .servlet("/async", (request, response) -> {
                        AsyncContext async = request.startAsync();
                        DbContext context = CarafeFilter.context(request);
                        requestContext.set(context);
                        workers.execute(context.wrap(() -> {
                            await(release);
                            workerContext.set(db.currentContext());
                            db.session().add(new Todo("committed by the worker"));
                            db.session().commit();
                            db.session().add(new Todo("left uncommitted by the worker"));
                            db.session().flush();
                            write(async.getResponse(), "done on " + Thread.currentThread().getName());
                            async.complete();
                        }));
                    }).start();

            CompletableFuture<HttpResponse<String>> response = server.client()
                    .sendAsync(server.request("/async").build(), HttpResponse.BodyHandlers.ofString());
            await(dispatchReturned);

            assertThat(requestContext.get().isOpen()).isTrue();
            assertThat(db.openContexts()).isOne();
            release.countDown();
            assertThat(response.get(10, SECONDS).body()).startsWith("done on pool-");
            awaitNoOpenContexts();
            assertThat(db.openContexts()).isZero();
            assertThat(requestContext.get().isOpen()).isFalse();
            assertThat(workerContext.get()).isSameAs(requestContext.get());
            assertThat(titles()).containsExactly("committed by the worker");
        }

        @Test
        void asyncRequestsCompletedBeforeTheServletReturnsCloseTheirContextsToo() throws Exception {
            h2();
            workers = Executors.newFixedThreadPool(8);
            server = WebServer.create().carafeFilter(db).servlet("/async", (request, response) -> {
                AsyncContext async = request.startAsync();
                Runnable work = CarafeFilter.context(request).wrap(() -> {
                    db.session().add(new Todo(request.getParameter("title")));
                    db.session().commit();
                    write(async.getResponse(), "saved");
                    async.complete();
                });
                if ("here".equals(request.getParameter("on"))) work.run();
                else workers.execute(work);
            }).start();

            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<HttpResponse<String>>> responses = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String query = "?title=t" + i + "&on=" + (i % 2 == 0 ? "here" : "worker");
                    responses.add(clients.submit(() -> server.get("/async" + query)));
                }
                for (Future<HttpResponse<String>> response : responses) {
                    assertThat(response.get(30, SECONDS).body()).isEqualTo("saved");
                }
            } finally {
                clients.shutdownNow();
            }

            awaitNoOpenContexts();
            assertThat(db.openContexts()).isZero();
            assertThat(titles()).hasSize(100);
        }

        @Test
        void anAsyncRequestThatTimesOutAnswers503AndHasItsContextClosedAndRolledBack() {
            h2();
            server = WebServer.create().carafeFilter(db).servlet("/forgotten", (request, response) -> {
                db.session().add(new Todo("never completed"));
                db.session().flush();
                request.startAsync().setTimeout(200);
            }).start();

            HttpResponse<String> response = server.get("/forgotten");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("503 Service Unavailable: The request took too long to complete."
                    + " Try again shortly.\n");
            awaitNoOpenContexts();
            assertThat(db.openContexts()).isZero();
            assertThat(titles()).isEmpty();
        }

        @Test
        void aServletDispatchedAgainAfterAsyncWorkUsesTheSameContext() {
            h2();
            workers = Executors.newSingleThreadExecutor();
            List<DbContext> seen = new CopyOnWriteArrayList<>();
            server = WebServer.create().carafeFilter(db, DispatcherType.ASYNC).servlet("/report", (request, response) -> {
                seen.add(db.currentContext());
                if (request.getDispatcherType() == DispatcherType.REQUEST) {
                    db.session().add(new Todo("before the dispatch"));
                    db.session().flush();
                    AsyncContext async = request.startAsync();
                    workers.execute(async::dispatch);
                    return;
                }
                db.session().add(new Todo("after the dispatch"));
                db.session().commit();
                write(response, "todos: " + titlesIn(db.session()));
            }).start();

            HttpResponse<String> response = server.get("/report");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("todos: [before the dispatch, after the dispatch]");
            awaitNoOpenContexts();
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1)).isSameAs(seen.get(0));
            assertThat(seen.get(0).isOpen()).isFalse();
            assertThat(titles()).containsExactly("before the dispatch", "after the dispatch");
        }

        @Test
        void aNotFoundAfterAnAsyncDispatchGives404() {
            h2();
            workers = Executors.newSingleThreadExecutor();
            server = WebServer.create().carafeFilter(db, DispatcherType.ASYNC).servlet("/posts/3", (request, response) -> {
                if (request.getDispatcherType() == DispatcherType.REQUEST) {
                    AsyncContext async = request.startAsync();
                    workers.execute(async::dispatch);
                    return;
                }
                db.getOr404(Todo.class, 3L, "Post id 3 doesn't exist.");
            }).start();

            HttpResponse<String> response = server.get("/posts/3");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("404 Not Found: Post id 3 doesn't exist.\n");
        }

        private List<String> titlesIn(Session session) {
            return session.scalars(db.select(Todo.class).orderBy("id")).stream().map(todo -> todo.title).toList();
        }
    }

    @Nested
    class Concurrency {

        @Test
        void twoHundredConcurrentRequestsOnPostgresqlKeepExactlyTheRowsOfThoseThatSucceeded() throws Exception {
            TestDatabase.POSTGRESQL.assumeAvailable();
            db = Carafe.builder().databaseUrl(TestDatabase.POSTGRESQL.url(null)).models(Todo.class).build();
            try {
                db.dropAll();
                db.createAll();
                server = WebServer.create().carafeFilter(db).servlet("/write", (request, response) -> {
                    int number = Integer.parseInt(request.getParameter("n"));
                    Session session = db.session();
                    session.add(new Todo("request " + number));
                    session.flush();
                    if (number % 6 == 0) throw new IllegalStateException("request " + number + " crashed");
                    if (number % 3 == 0) throw new NotFoundException("Request " + number + " found nothing.");
                    session.commit();
                    write(response, "saved " + number);
                }).start();

                ExecutorService clients = Executors.newFixedThreadPool(32);
                List<Future<HttpResponse<String>>> responses = new ArrayList<>();
                try {
                    for (int i = 0; i < 200; i++) {
                        String path = "/write?n=" + i;
                        responses.add(clients.submit(() -> server.get(path)));
                    }
                    Set<String> expected = new TreeSet<>();
                    for (int i = 0; i < 200; i++) {
                        HttpResponse<String> response = responses.get(i).get(60, SECONDS);
                        if (i % 6 == 0) {
                            assertThat(response.statusCode()).as("request %d", i).isEqualTo(500);
                        } else if (i % 3 == 0) {
                            assertThat(response.statusCode()).as("request %d", i).isEqualTo(404);
                            assertThat(response.body()).isEqualTo("404 Not Found: Request " + i + " found nothing.\n");
                        } else {
                            assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
                            assertThat(response.body()).isEqualTo("saved " + i);
                            expected.add("request " + i);
                        }
                    }

                    assertThat(expected).hasSize(133);
                    assertThat(new TreeSet<>(titles())).isEqualTo(expected);
                    assertThat(db.engine().activeConnections()).isZero();
                    assertThat(db.openContexts()).isZero();
                } finally {
                    clients.shutdownNow();
                }
            } finally {
                if (server != null) server.close();
                server = null;
                db.dropAll();
            }
        }
    }
}
