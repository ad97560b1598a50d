package dev.carafe.test;

import dev.carafe.Carafe;
import dev.carafe.servlet.CarafeFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.LoggerFactory;

/** An application on embedded Jetty 12 (ee10) with Carafe's servlet filter, on 127.0.0.1, and a client for it. */
final class JettyApp implements AutoCloseable {

    /** A route's body. */
    @FunctionalInterface
    interface Route {
        /** Answers the request; what it returns is the response's body. */
        String answer(HttpServletRequest request) throws Exception;
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    JettyApp(Carafe db) {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        context.addFilter(new FilterHolder(new CarafeFilter(db)), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
    }

    JettyApp route(String path, Route route) {
        context.addServlet(new ServletHolder(new RouteServlet(route)), path);
        return this;
    }

    JettyApp start() throws Exception {
        server.start();
        return this;
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Runs a {@link Route} for every method; its exceptions become 500s, as a container's would. */
    private static final class RouteServlet extends HttpServlet {
        private final transient Route route;

        RouteServlet(Route route) {
            this.route = route;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                String body = route.answer(request);
                response.setStatus("POST".equals(request.getMethod()) ? 201 : 200);
                response.getWriter().write(body);
            } catch (Exception e) {
                LoggerFactory.getLogger(JettyApp.class).error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
                response.sendError(500, e.toString());
            }
        }
    }
}
