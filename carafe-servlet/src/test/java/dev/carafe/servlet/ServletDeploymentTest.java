package dev.carafe.servlet;

import com.zaxxer.hikari.HikariDataSource;
import dev.carafe.Carafe;
import dev.carafe.error.NotFoundException;
import dev.carafe.servlet.ServletContainer.Deployment;
import dev.carafe.servlet.ServletContainer.WebApp;
import dev.carafe.servlet.deploy.AnnotatedCarafeFilter;
import dev.carafe.servlet.deploy.AnnotatedDbListener;
import dev.carafe.servlet.deploy.CurrentDb;
import dev.carafe.servlet.deploy.RegisteringListener;
import dev.carafe.testing.TestDatabase;
import dev.carafe.testmodels.Todo;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CarafeFilter deployed the ways servlet users deploy it, in Jetty 12 and Tomcat 11: declared in
 * web.xml (its Carafe from a supplier or a ServletContext attribute), declared by annotation, and
 * registered from a listener with {@code CarafeFilter.register}. Each way serves the database,
 * answers Carafe's errors, and gives the container's error page a context of its own.
 */
class ServletDeploymentTest {
    private static final String FILTER_MAPPING = """
            <filter-mapping>
              <filter-name>carafe</filter-name>
              <url-pattern>/*</url-pattern>
              <dispatcher>REQUEST</dispatcher>
              <dispatcher>ASYNC</dispatcher>
              <dispatcher>ERROR</dispatcher>
            </filter-mapping>
            """;
    private static final String ERROR_PAGE = "<error-page><location>/error</location></error-page>\n";

    @TempDir
    Path folder;

    private Carafe db;
    private Deployment app;

    @AfterEach
    void stopTheApplicationAndCheckForLeaks() throws InterruptedException {
        try {
            if (db != null) assertNoOpenContextNorBusyConnection(db);
        } finally {
            if (app != null) app.close();
            CurrentDb.db = null;
            if (db != null) db.close();
        }
    }

    /**
     * The leak check, before the container stops (which closes a supplied Carafe). Asynchronous
     * requests close their context on a container thread, just after the response.
     */
    static void assertNoOpenContextNorBusyConnection(Carafe db) throws InterruptedException {
        for (int i = 0; i < 500 && db.openContexts() > 0; i++) Thread.sleep(10);
        assertThat(db.openContexts()).as("open contexts").isZero();
        assertThat(db.engine().activeConnections()).as("active connections").isZero();
    }

    private void deploy(ServletContainer container, String webXml, Class<?>... scanned) {
        db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class).build();
        db.createAll();
        db.useTransaction(session -> session.add(new Todo("write the docs")));
        CurrentDb.db = db;
        app = container.start(folder, new WebApp(webXml, List.of(scanned), servlets(db))).started();
    }

    /** The application's servlets, added as it starts, as a framework's initializer adds its own. */
    static ServletContainerInitializer servlets(Carafe db) {
        return (classes, context) -> {
            add(context, "/todos/*", (request, response) -> {
                String id = request.getPathInfo().substring(1);
                Todo todo = db.getOr404(Todo.class, id, "Todo " + id + " doesn't exist.");
                response.setContentType("text/plain;charset=utf-8");
                response.getWriter().print(todo.title);
            });
            add(context, "/missing", (request, response) -> {
                throw new NotFoundException("Nothing here.");
            });
            add(context, "/crash", (request, response) -> {
                db.session().add(new Todo("written before the crash"));
                db.session().flush();
                throw new IllegalStateException("the servlet crashed");
            });
            add(context, "/error", (request, response) -> {
                long todos = db.query(Todo.class).count();
                response.setContentType("text/plain;charset=utf-8");
                response.getWriter().print("Error page for " + request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE)
                        + ": " + todos + " todos.");
            });
        };
    }

    static void add(ServletContext context, String path, HandlerServlet.Handler handler) {
        ServletRegistration.Dynamic servlet = context.addServlet(path, new HandlerServlet(handler));
        servlet.setAsyncSupported(true);
        servlet.addMapping(path);
    }

    private void assertItServesTheDatabaseAnswersCarafesErrorsAndGivesTheErrorPageAContext() {
        HttpResponse<String> found = app.get("/todos/1");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).isEqualTo("write the docs");

        HttpResponse<String> missing = app.get("/todos/7", "application/json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(missing.body()).isEqualTo("{\"error\": \"Not Found\", \"description\": \"Todo 7 doesn't exist.\"}");

        // The error page counts in a context of its own, after the crashed request's row was rolled back.
        HttpResponse<String> crashed = app.get("/crash");
        assertThat(crashed.statusCode()).isEqualTo(500);
        assertThat(crashed.body()).isEqualTo("Error page for 500: 1 todos.");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void inWebXmlTheFilterGetsItsDbFromTheSupplierItsInitParamNames(ServletContainer container) {
        deploy(container, """
                <filter>
                  <filter-name>carafe</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                  <async-supported>true</async-supported>
                  <init-param>
                    <param-name>db-supplier</param-name>
                    <param-value>dev.carafe.servlet.deploy.CurrentDb</param-value>
                  </init-param>
                </filter>
                """ + FILTER_MAPPING + ERROR_PAGE);

        assertItServesTheDatabaseAnswersCarafesErrorsAndGivesTheErrorPageAContext();
        HikariDataSource pool = (HikariDataSource) db.engine().dataSource();
        app.close();
        app = null;
        assertThat(pool.isClosed()).as("the pool of the supplied Carafe, closed with the filter").isTrue();
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void inWebXmlTheFilterGetsItsDbFromTheServletContextAttribute(ServletContainer container) {
        deploy(container, """
                <listener><listener-class>dev.carafe.servlet.deploy.DbAttributeListener</listener-class></listener>
                <filter>
                  <filter-name>carafe</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                  <async-supported>true</async-supported>
                </filter>
                """ + FILTER_MAPPING + ERROR_PAGE);

        assertItServesTheDatabaseAnswersCarafesErrorsAndGivesTheErrorPageAContext();
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aSubclassAnnotatedWithWebFilterIsFoundByAnnotationScanning(ServletContainer container) {
        deploy(container, ERROR_PAGE, AnnotatedCarafeFilter.class, AnnotatedDbListener.class);

        assertItServesTheDatabaseAnswersCarafesErrorsAndGivesTheErrorPageAContext();
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aListenerRegistersTheFilterInOneLine(ServletContainer container) {
        deploy(container, ERROR_PAGE, RegisteringListener.class);

        assertItServesTheDatabaseAnswersCarafesErrorsAndGivesTheErrorPageAContext();
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aFilterThatFindsNoDbStopsTheApplicationAndSaysHowToGiveItOne(ServletContainer container) {
        Deployment failed = container.start(folder, new WebApp("""
                <filter>
                  <filter-name>carafe</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                </filter>
                """ + FILTER_MAPPING, List.of(), null));

        assertThat(messages(failed.failure())).contains("CarafeFilter 'carafe' has no Carafe instance. Give it one of"
                + " two ways: set the ServletContext attribute \"dev.carafe.Carafe\" (CarafeFilter.DB_ATTRIBUTE) to your"
                + " Carafe instance in a ServletContextListener, or give the filter the init-param \"db-supplier\""
                + " naming a class that implements java.util.function.Supplier<dev.carafe.Carafe>.");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aSupplierThatIsNotOneIsNamedAtStartUp(ServletContainer container) {
        Deployment failed = container.start(folder, new WebApp("""
                <filter>
                  <filter-name>carafe</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                  <init-param><param-name>db-supplier</param-name><param-value>java.lang.String</param-value></init-param>
                </filter>
                """ + FILTER_MAPPING, List.of(), null));

        assertThat(messages(failed.failure())).contains("CarafeFilter 'carafe': the init-param db-supplier names"
                + " java.lang.String, which does not implement java.util.function.Supplier<dev.carafe.Carafe>.");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void aWrongErrorFormatIsNamedAtStartUpWithTheFormatsThereAre(ServletContainer container) {
        CurrentDb.db = db = Carafe.builder().databaseUrl(TestDatabase.H2.url(null)).models(Todo.class).build();
        Deployment failed = container.start(folder, new WebApp("""
                <filter>
                  <filter-name>carafe</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                  <init-param><param-name>db-supplier</param-name><param-value>dev.carafe.servlet.deploy.CurrentDb</param-value></init-param>
                  <init-param><param-name>error-format</param-name><param-value>xml</param-value></init-param>
                </filter>
                """ + FILTER_MAPPING, List.of(), null));

        assertThat(messages(failed.failure())).contains("CarafeFilter 'carafe': init-param error-format: \"xml\" is not"
                + " an error format: use json, html or negotiate.");
    }

    @ParameterizedTest
    @EnumSource(ServletContainer.class)
    void theErrorFormatIsAnInitParamAndAFilterForAGroupOfPathsAnswersThem(ServletContainer container) {
        deploy(container, """
                <listener><listener-class>dev.carafe.servlet.deploy.DbAttributeListener</listener-class></listener>
                <filter>
                  <filter-name>carafe</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                  <init-param><param-name>error-format</param-name><param-value>html</param-value></init-param>
                </filter>
                <filter>
                  <filter-name>carafe-api</filter-name>
                  <filter-class>dev.carafe.servlet.CarafeFilter</filter-class>
                  <init-param><param-name>error-format</param-name><param-value>json</param-value></init-param>
                </filter>
                """ + FILTER_MAPPING + """
                <filter-mapping><filter-name>carafe-api</filter-name><url-pattern>/todos/*</url-pattern></filter-mapping>
                """);

        HttpResponse<String> api = app.get("/todos/7", "text/html");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(api.body()).isEqualTo("{\"error\": \"Not Found\", \"description\": \"Todo 7 doesn't exist.\"}");
        assertThat(app.get("/todos/1").body()).isEqualTo("write the docs");
        HttpResponse<String> page = app.get("/missing", "application/json");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.body()).isEqualTo("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
                + "<h1>Not Found</h1>\n<p>Nothing here.</p>\n");
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null && messages.size() < 20; cause = cause.getCause()) {
            messages.add(cause.getMessage());
            for (Throwable suppressed : cause.getSuppressed()) messages.addAll(messages(suppressed));
        }
        return messages;
    }
}
