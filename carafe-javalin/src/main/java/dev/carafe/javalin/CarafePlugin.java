package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.javalin.internal.DebugView;
import dev.carafe.query.InvalidQueryException;
import dev.carafe.servlet.CarafeFilter;
import dev.carafe.web.ErrorResponse;
import dev.carafe.session.CommitException;
import dev.carafe.session.DbContext;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.plugin.ContextPlugin;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.hibernate.JDBCException;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Carafe what Flask-SQLAlchemy is to Flask, for Javalin 7: every request runs in its own
 * Carafe context (opened lazily, bound to the request rather than to a thread, closed and rolled
 * back when the request completes, also after exceptions, error handlers and {@code ctx.future}),
 * {@code db.paginate(select)} reads {@code page} and {@code per_page} from the query string, and
 * {@link NotFoundException}, {@link BadRequestException} (and {@link InvalidQueryException}) and
 * {@link DatabaseUnavailableException} (and a lost connection) become 404, 400 and 503 responses (JSON, HTML or text, by the {@code Accept} header). Register
 * your own exception handlers for them after this plugin to replace Carafe's.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> {
 *     config.registerPlugin(new CarafePlugin(db));
 *     config.routes.get("/todos/{id}", ctx -> ctx.json(db.getOr404(Todo.class, ctx.pathParam("id"))));
 * });
 * }</pre>
 *
 * <p>The request's context is {@code ctx.with(CarafePlugin.class)} or {@link #context(Context)}; to
 * use the database from another thread of the same request, run the work through
 * {@link DbContext#wrap(java.util.function.Supplier)}.
 *
 * <p>For development, {@link Config#debugView} adds a header with each request's statement count and
 * time, and a page listing the statements of the last requests.
 */
public final class CarafePlugin extends ContextPlugin<CarafePlugin.Config, DbContext> {
    private static final Logger LOG = LoggerFactory.getLogger(CarafePlugin.class);

    private final Carafe db;
    private DebugView debugView;

    /**
     * Creates the plugin with the default settings.
     *
     * @param db the application's Carafe instance
     */
    public CarafePlugin(Carafe db) {
        this(db, config -> {});
    }

    /**
     * Creates the plugin.
     *
     * @param db the application's Carafe instance
     * @param userConfig adjusts the plugin's {@link Config}
     */
    public CarafePlugin(Carafe db, Consumer<Config> userConfig) {
        super(userConfig, new Config());
        this.db = db;
    }

    /**
     * Returns the Carafe context of a request.
     *
     * @param ctx the Javalin context
     * @return the request's Carafe context
     */
    public static DbContext context(Context ctx) {
        return CarafeFilter.context(ctx.req());
    }

    @Override
    public void onInitialize(JavalinState state) {
        state.jetty.modifyServletContextHandler(handler -> {
            handler.addFilter(new FilterHolder(new CarafeFilter(db, false)), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            // Jetty caches a filter chain per request path, 1,024 at most, and empties the cache when
            // it is full: with ids in paths (/users/42) nearly every request missed, built its chain,
            // stored it and now and then cleared the cache. Building the chain alone costs less.
            handler.getServletHandler().setFilterChainsCached(false);
        });
        if (pluginConfig.mapErrors) {
            state.routes.exception(NotFoundException.class, CarafePlugin::respond);
            state.routes.exception(BadRequestException.class, CarafePlugin::respond);
            state.routes.exception(DatabaseUnavailableException.class, CarafePlugin::respond);
            state.routes.exception(InvalidQueryException.class, CarafePlugin::respond);
            state.routes.exception(JDBCConnectionException.class, CarafePlugin::respond);
            state.routes.exception(CommitException.class, CarafePlugin::respond);
            // A connection lost during a commit or another JDBC call Hibernate did not translate.
            state.routes.exception(JDBCException.class, CarafePlugin::respond);
            state.routes.exception(TransactionException.class, CarafePlugin::respond);
        }
        if (pluginConfig.debugView) {
            debugView = DebugView.create(db, pluginConfig.debugViewPath, pluginConfig.debugViewRequests,
                    pluginConfig.debugViewForce);
        }
    }

    /** Installs the debug view, once the application's configuration (its host among it) is complete. */
    @Override
    public void onStart(JavalinState state) {
        if (debugView != null) debugView.install(state);
    }

    @Override
    public DbContext createExtension(Context ctx) {
        return context(ctx);
    }

    @Override
    public String name() {
        return "Carafe";
    }

    private static void respond(RuntimeException exception, Context ctx) {
        ErrorResponse page = ErrorResponse.of(exception);
        if (page == null) {
            // A commit or statement that failed for another reason (a constraint, say): the application's bug.
            LOG.error("Request failed: {} {}", ctx.method(), ctx.path(), exception);
            ctx.status(500).result("Internal Server Error");
            return;
        }
        String contentType = ErrorResponse.contentTypeFor(ctx.header("Accept"));
        ctx.status(page.status()).contentType(contentType + ";charset=utf-8").result(page.render(contentType));
    }

    /** The plugin's settings. */
    public static final class Config {
        /** Whether to turn Carafe's exceptions into 404, 400 and 503 responses (default true). */
        public boolean mapErrors = true;

        /**
         * Turns on the debug view (default false), <strong>for development only</strong>: every
         * response gets a header {@code X-Carafe-Queries: <count>; <total> ms} with the statements the
         * request ran, and {@link #debugViewPath} serves a page (HTML, or JSON with
         * {@code ?format=json}) listing the statements of the last {@link #debugViewRequests}
         * requests with their parameters, durations, locations and N+1 warnings. It needs
         * {@code record-queries} on, and refuses to start when Javalin listens on an address other
         * than loopback (set {@code config.jetty.host = "127.0.0.1"}) unless {@link #debugViewForce}.
         *
         * <pre>{@code
         * config.jetty.host = "127.0.0.1";
         * config.registerPlugin(new CarafePlugin(db, carafe -> carafe.debugView = true));
         * }</pre>
         */
        public boolean debugView = false;

        /** Where the debug view's page is served (default {@code "/_carafe"}). */
        public String debugViewPath = "/_carafe";

        /** How many of the last requests the debug view's page keeps (default 50). */
        public int debugViewRequests = 50;

        /**
         * Starts the debug view even when Javalin listens on an address other than loopback (default
         * false). Anyone who can reach the server then reads every statement and its parameters.
         */
        public boolean debugViewForce = false;

        /** Creates the default settings. */
        public Config() {}
    }
}
