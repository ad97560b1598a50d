package dev.carafe.javalin;

import dev.carafe.Carafe;
import dev.carafe.bind.DatabaseUnavailableException;
import dev.carafe.error.BadRequestException;
import dev.carafe.error.NotFoundException;
import dev.carafe.javalin.internal.DebugView;
import dev.carafe.javalin.internal.PathErrorFormats;
import dev.carafe.javalin.internal.RetryingHandler;
import dev.carafe.query.InvalidQueryException;
import dev.carafe.servlet.CarafeFilter;
import dev.carafe.session.CommitException;
import dev.carafe.session.DbContext;
import dev.carafe.session.IntegrityException;
import dev.carafe.web.ErrorBody;
import dev.carafe.web.ErrorFormat;
import dev.carafe.web.ErrorLog;
import dev.carafe.web.ErrorResponse;
import dev.carafe.web.TenantResolver;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.plugin.ContextPlugin;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.RollbackException;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.hibernate.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Carafe what Flask-SQLAlchemy is to Flask, for Javalin 7: every request runs in its own
 * Carafe context (opened lazily, bound to the request rather than to a thread, closed and rolled
 * back when the request completes, also after exceptions, error handlers and {@code ctx.future}),
 * {@code db.paginate(select)} reads {@code page} and {@code per_page} from the query string, and
 * the exceptions {@link ErrorResponse#of(Throwable)} maps become responses: 404 ({@link
 * NotFoundException}), 400 ({@link BadRequestException}, {@link InvalidQueryException}, a value the
 * database refused), 409 ({@link IntegrityException}, a lost update) and 503 ({@link
 * DatabaseUnavailableException}, a lost connection), in the {@link Config#errorFormat} of the
 * request's path. Register your own exception handlers for them after this plugin to replace Carafe's.
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
 * <p>A transaction the database rolled back on a conflict (a deadlock, a serialization failure, a
 * Galera certification conflict) answers 503 with {@code Retry-After: 1}; a route whose handler is
 * wrapped in {@link #retrying(Carafe, Handler)} runs again instead.
 *
 * <p>For development, {@link Config#debugView} adds a header with each request's statement count and
 * time, and a page listing the statements of the last requests.
 */
public final class CarafePlugin extends ContextPlugin<CarafePlugin.Config, DbContext> {
    private static final Logger LOG = LoggerFactory.getLogger(CarafePlugin.class);

    private final Carafe db;
    private PathErrorFormats errorFormats;
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

    /**
     * Wraps a route's handler so that it runs again, in a fresh Carafe context, when its transaction
     * fails on a conflict (a deadlock, a serialization failure, a Galera certification conflict) or
     * loses its connection before the commit: up to {@code transaction-retries} times, after a short
     * random pause, while the response is not committed. Without it such a failure answers 503 with
     * {@code Retry-After}. Wrap only handlers that are safe to run twice up to their commit: send mail
     * or call other services after {@code commit()}. A connection lost during the commit itself is
     * never retried, since the database may have committed. Not for handlers that go asynchronous
     * ({@code ctx.future}): the attempt's context closes when the handler returns.
     *
     * <pre>{@code
     * config.routes.post("/accounts/{id}/deposit", CarafePlugin.retrying(db, ctx -> {
     *     Account account = db.getOr404(Account.class, ctx.pathParam("id"));
     *     account.balance += Long.parseLong(ctx.formParam("amount"));
     *     db.session().commit();
     *     ctx.status(204);
     * }));
     * }</pre>
     *
     * @param db the application's Carafe instance
     * @param handler the route's handler
     * @return the handler, retrying
     */
    public static Handler retrying(Carafe db, Handler handler) {
        return new RetryingHandler(db, handler);
    }

    @Override
    public void onInitialize(JavalinState state) {
        state.jetty.modifyServletContextHandler(handler -> {
            handler.addFilter(new FilterHolder(new CarafeFilter(db, pluginConfig.errorFormat, false)
                    .tenantResolver(pluginConfig.tenantResolver)
                    .pathsWithoutTenant(pluginConfig.pathsWithoutTenant.toArray(String[]::new))), "/*",
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            // Jetty caches a filter chain per request path, 1,024 at most, and empties the cache when
            // it is full: with ids in paths (/users/42) nearly every request missed, built its chain,
            // stored it and now and then cleared the cache. Building the chain alone costs less.
            handler.getServletHandler().setFilterChainsCached(false);
        });
        if (pluginConfig.mapErrors) {
            errorFormats = PathErrorFormats.of(pluginConfig.errorFormat, pluginConfig.errorFormats);
            state.routes.exception(NotFoundException.class, this::respond);
            state.routes.exception(BadRequestException.class, this::respond);
            state.routes.exception(InvalidQueryException.class, this::respond);
            state.routes.exception(DatabaseUnavailableException.class, this::respond);
            state.routes.exception(IntegrityException.class, this::respond);
            state.routes.exception(OptimisticLockException.class, this::respond);
            state.routes.exception(StaleStateException.class, this::respond);
            // A deadlock or serialization failure found by a flush: 503, to be tried again.
            state.routes.exception(PessimisticLockException.class, this::respond);
            state.routes.exception(LockTimeoutException.class, this::respond);
            // Wrappers whose cause decides: a lost connection, a refused value, a lost update, or
            // (answered 500 and logged) the application's bug.
            state.routes.exception(CommitException.class, this::respond);
            state.routes.exception(JDBCException.class, this::respond);
            state.routes.exception(TransactionException.class, this::respond);
            state.routes.exception(RollbackException.class, this::respond);
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

    private void respond(RuntimeException exception, Context ctx) {
        ErrorResponse page = ErrorResponse.of(exception);
        if (page == null) {
            // A commit or statement that failed for another reason: the application's bug.
            LOG.error("Request failed: {} {}", ctx.method(), ctx.path(), exception);
            ctx.status(500).result("Internal Server Error");
            return;
        }
        ErrorBody body = errorFormats.forPath(ctx.path()).body(page, ctx.header("Accept"));
        if (page.retryAfterSeconds() > 0) ctx.header("Retry-After", Integer.toString(page.retryAfterSeconds()));
        ctx.status(page.status()).contentType(body.contentType()).result(body.text());
        ErrorLog.answered(ctx.method().name(), ctx.path(), page, exception);
    }

    /** The plugin's settings. */
    public static final class Config {
        private final Map<String, ErrorFormat> errorFormats = new LinkedHashMap<>();

        /** Whether to turn Carafe's exceptions into 404, 400, 409 and 503 responses (default true). */
        public boolean mapErrors = true;

        /**
         * The format of the application's error bodies (default {@link ErrorFormat#NEGOTIATE}: by the
         * request's {@code Accept} header); {@link ErrorFormat#JSON} for a JSON API.
         */
        public ErrorFormat errorFormat = ErrorFormat.NEGOTIATE;

        /**
         * Sets the format of the error bodies for a group of routes: the paths under a prefix,
         * whole segments only ({@code "/api"} holds {@code /api} and {@code /api/todos}, not
         * {@code /apis}). The longest prefix that holds a path wins; other paths get
         * {@link #errorFormat}.
         *
         * <pre>{@code
         * config.registerPlugin(new CarafePlugin(db, carafe -> carafe.errorFormat("/api", ErrorFormat.JSON)));
         * }</pre>
         *
         * @param pathPrefix a path such as {@code "/api"}
         * @param format the format for the paths under it
         * @return this
         */
        public Config errorFormat(String pathPrefix, ErrorFormat format) {
            errorFormats.put(pathPrefix, format);
            return this;
        }

        /**
         * Turns on the debug view (default false), <strong>for development only</strong>: every
         * response gets a header {@code X-Carafe-Queries: <count>; <total> ms} with the statements the
         * request ran, and {@link #debugViewPath} serves a page (HTML, or JSON with
         * {@code ?format=json}) listing the statements of the last {@link #debugViewRequests}
         * requests with their parameters, durations, locations and N+1 warnings. It needs
         * {@code record-queries} on, and refuses to start when Javalin listens on an address other
         * than loopback (set {@code config.jetty.host = "127.0.0.1"}) unless {@link #debugViewForce}.
         * The header and the page answer only requests whose {@code Host} is a loopback name or
         * address and that no proxy forwarded; others get the 404 of a path without a route.
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

        /**
         * Finds each request's tenant (default none: contexts without a tenant), for binds that keep
         * tenants apart: a request naming none is answered 400, a tenant that does not exist 404
         * (see docs/tenancy.md). The debug view then shows each tenant only its own requests.
         *
         * <pre>{@code
         * config.registerPlugin(new CarafePlugin(db, carafe -> carafe.tenantResolver = TenantResolver.header("X-Tenant")));
         * }</pre>
         */
        public TenantResolver tenantResolver = null;

        /**
         * Paths whose requests may name no tenant (whole segments), such as {@code List.of("/login",
         * "/health")}: their context has none, and a bind that keeps tenants apart still refuses to work in it.
         */
        public java.util.List<String> pathsWithoutTenant = java.util.List.of();

        /** Creates the default settings. */
        public Config() {}
    }
}
