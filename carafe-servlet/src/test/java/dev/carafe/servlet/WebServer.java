package dev.carafe.servlet;

import dev.carafe.Carafe;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * An embedded Jetty 12 on 127.0.0.1 and a free port, with the test's filters and servlets, and
 * an HTTP client that talks to it. Filters run in the order they were added.
 */
final class WebServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WebServer() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context.setContextPath("/");
        server.setHandler(context);
    }

    /** A server with nothing installed yet. */
    static WebServer create() {
        return new WebServer();
    }

    /** Installs {@link CarafeFilter} on every path, for the given dispatches (REQUEST when none). */
    WebServer carafeFilter(Carafe db, DispatcherType... dispatches) {
        return filter(new CarafeFilter(db), dispatches);
    }

    /** Installs a filter on every path, for the given dispatches (REQUEST when none). */
    WebServer filter(Filter filter, DispatcherType... dispatches) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        EnumSet<DispatcherType> types = EnumSet.of(DispatcherType.REQUEST);
        for (DispatcherType type : dispatches) types.add(type);
        context.addFilter(holder, "/*", types);
        return this;
    }

    /** Adds a servlet (asynchronous processing allowed) on a path. */
    WebServer servlet(String path, HandlerServlet.Handler handler) {
        ServletHolder holder = new ServletHolder(new HandlerServlet(handler));
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
        return this;
    }

    /** The servlet context, for what the helpers above do not cover (error pages). */
    ServletContextHandler context() {
        return context;
    }

    WebServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not start", e);
        }
        return this;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    HttpResponse<String> get(String pathAndQuery, String accept) {
        return send(request(pathAndQuery).header("Accept", accept).GET().build());
    }

    HttpResponse<String> post(String pathAndQuery, String formBody) {
        return send(request(pathAndQuery).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
