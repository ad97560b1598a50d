package dev.carafe.javalin.internal;

import dev.carafe.Carafe;
import dev.carafe.config.ConfigException;
import dev.carafe.observe.RecordedQuery;
import dev.carafe.servlet.CarafeFilter;
import dev.carafe.session.DbContext;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointNotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development-only debug view of the Javalin plugin: a header on every response with the
 * number of statements the request ran and their total time, and a page with the statements of
 * the last requests; both only for requests whose Host is a loopback name or address. It reads what {@code record-queries} recorded in each request's context.
 * Thread-safe.
 */
public final class DebugView {
    private static final Logger LOG = LoggerFactory.getLogger(DebugView.class);
    private static final String PAGE_REQUEST = DebugView.class.getName() + ".page";

    private final Carafe db;
    private final String path;
    private final boolean force;
    private final RequestLog log;

    private DebugView(Carafe db, String path, int requests, boolean force) {
        this.db = db;
        this.path = path;
        this.force = force;
        this.log = new RequestLog(requests);
    }

    /**
     * Checks the settings and that the Carafe instance records its statements.
     *
     * @param db the Carafe instance
     * @param path where the page is served
     * @param requests how many requests the page keeps
     * @param force whether to start on an address other than loopback
     * @return the debug view, to {@link #install} once Javalin's configuration is complete
     * @throws ConfigException when a setting is wrong or {@code record-queries} is off
     */
    public static DebugView create(Carafe db, String path, int requests, boolean force) {
        if (!db.config().recordQueries()) {
            throw new ConfigException("The Carafe debug view needs record-queries, which is off. Build the Carafe"
                    + " instance with .recordQueries(true) (or set record-queries=true, CARAFE_RECORD_QUERIES=true),"
                    + " or turn the debug view off.");
        }
        if (path == null || !path.startsWith("/") || path.length() < 2) {
            throw new ConfigException("debugViewPath must be a path such as \"/_carafe\", got "
                    + (path == null ? "null" : "\"" + path + "\"") + ".");
        }
        if (requests < 1) {
            throw new ConfigException("debugViewRequests must be at least 1, got " + requests + ".");
        }
        return new DebugView(db, path, requests, force);
    }

    /**
     * Adds the header and the page to the application, after refusing to when Javalin listens on
     * an address other than loopback (checked now, and again as the server starts, which catches
     * {@code app.start(host, port)} and added connectors).
     *
     * @param state Javalin's configuration, complete
     * @throws ConfigException when the server listens beyond loopback and the view is not forced
     */
    public void install(JavalinState state) {
        refuseUnlessLoopback(state.jetty.host, "config.jetty.host");
        AtomicReference<Server> server = new AtomicReference<>();
        state.jetty.modifyServer(server::set);
        state.events.serverStarting(() -> {
            for (Connector connector : server.get().getConnectors()) {
                if (connector instanceof NetworkConnector network) refuseUnlessLoopback(network.getHost(), "the host of a connector");
            }
        });
        state.routes.get(path, this::page);
        state.routes.after(this::recordRequest);
        LOG.info("Carafe debug view at {} (development only: it shows every statement and its parameters)", path);
    }

    private void refuseUnlessLoopback(String host, String setting) {
        String where = ListeningAddress.beyondLoopback(host);
        if (where == null) return;
        String source = host == null || host.isBlank() ? setting + " is not set" : setting + " = \"" + host + "\"";
        if (force) {
            LOG.warn("The Carafe debug view is forced on although Javalin listens on {} ({}): anyone who can reach"
                    + " the server can read every statement and its parameters at {}", where, source, path);
            return;
        }
        throw new ConfigException("The Carafe debug view refuses to start: Javalin listens on " + where + " (" + source
                + "), and the view shows every statement and its parameters to whoever can reach it. It is for"
                + " development only: set config.jetty.host = \"127.0.0.1\", or set debugViewForce = true in"
                + " CarafePlugin's config if you mean to expose it.");
    }

    private void recordRequest(Context ctx) {
        if (ctx.attribute(PAGE_REQUEST) != null) return;
        DbContext context = ctx.req().getAttribute(CarafeFilter.CONTEXT_ATTRIBUTE) instanceof DbContext open ? open : null;
        List<RecordedQuery> queries = new ArrayList<>();
        if (context != null) queries.addAll(context.recordedQueries());
        // A route wrapped in CarafePlugin.retrying ran each attempt in a context of its own.
        if (ctx.req().getAttribute(RetryingHandler.ATTEMPTS) instanceof List<?> attempts) {
            attempts.forEach(attempt -> queries.addAll(((DbContext) attempt).recordedQueries()));
        }
        if (isFromThisMachine(ctx)) ctx.header(QueriesHeader.NAME, QueriesHeader.value(queries));
        log.add(new RequestRecord(ctx.req().getMethod(), ctx.path(), ctx.statusCode(), Instant.now(), queries,
                context != null ? context.tenant() : null));
    }

    /**
     * Whether the request names this machine in its Host header and came through no proxy. The
     * listening address alone is not enough: a page on another site can resolve its own name to
     * 127.0.0.1 (DNS rebinding), and a proxy on this machine connects from loopback for anyone.
     */
    private static boolean isFromThisMachine(Context ctx) {
        return LoopbackHost.isLoopback(ctx.header("Host")) && ctx.header("Forwarded") == null
                && ctx.header("X-Forwarded-For") == null && ctx.header("X-Forwarded-Host") == null;
    }

    private void page(Context ctx) {
        // Answered as a path without a route is, so that the answer reveals nothing.
        if (!isFromThisMachine(ctx)) throw new EndpointNotFound(HandlerType.GET, ctx.path());
        ctx.attribute(PAGE_REQUEST, Boolean.TRUE);
        ctx.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        // Each tenant sees only its own requests' statements and parameters.
        String tenant = ctx.req().getAttribute(CarafeFilter.CONTEXT_ATTRIBUTE) instanceof DbContext open ? open.tenant() : null;
        List<RequestRecord> requests = log.newestFirst().stream().filter(r -> Objects.equals(r.tenant(), tenant)).toList();
        int threshold = db.config().nPlusOneThreshold();
        if ("json".equals(ctx.queryParam("format"))) {
            ctx.contentType("application/json;charset=utf-8").result(DebugPageJson.render(requests, log.capacity(), threshold));
        } else {
            ctx.contentType("text/html;charset=utf-8").result(DebugPageHtml.render(requests, log.capacity(), threshold));
        }
    }
}
