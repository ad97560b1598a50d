package dev.carafe.servlet;

import dev.carafe.Carafe;
import dev.carafe.servlet.internal.AsyncWork;
import dev.carafe.servlet.internal.DbLookup;
import dev.carafe.servlet.internal.ErrorAnswer;
import dev.carafe.servlet.internal.QueryString;
import dev.carafe.servlet.internal.ReadYourWritesCookie;
import dev.carafe.servlet.internal.RequestCompletion;
import dev.carafe.servlet.internal.ServletTenantRequest;
import dev.carafe.servlet.internal.ResponseStart;
import dev.carafe.servlet.internal.RetryPaths;
import dev.carafe.session.DbContext;
import dev.carafe.tenant.InvalidTenantException;
import dev.carafe.tenant.MissingTenantException;
import dev.carafe.tenant.UnknownTenantException;
import dev.carafe.web.ErrorFormat;
import dev.carafe.web.ErrorResponse;
import dev.carafe.web.TenantResolver;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Gives every request its own Carafe context, for any Jakarta Servlet container: opened lazily
 * (a request that never touches the database takes no connection), bound to the request rather
 * than to a thread, and closed when the request completes, after asynchronous processing too;
 * whatever the request did not commit is rolled back. {@code db.paginate(select)} reads
 * {@code page} and {@code per_page} from the request's query string. The exceptions
 * {@link ErrorResponse#of(Throwable)} maps (404, 400, 409, 503) become responses in the filter's
 * {@link ErrorFormat}, also when a framework's servlet wrapped them in a {@link ServletException}.
 *
 * <p>Map it to every path for the {@code REQUEST}, {@code ASYNC} and {@code ERROR} dispatches, and
 * mark it async-supported. From a {@code ServletContextListener}, in one line:
 *
 * <pre>{@code
 * CarafeFilter.register(event.getServletContext(), db);
 * }</pre>
 *
 * <p>Declared in {@code web.xml}, or by annotation on a subclass, the filter finds its
 * {@code Carafe} in the ServletContext attribute {@link #DB_ATTRIBUTE}, or from the class named by
 * the init-param {@link #DB_SUPPLIER_PARAMETER}. Init-params, when present, win over what a
 * constructor was given: {@link #ERROR_FORMAT_PARAMETER} ({@code json}, {@code html} or
 * {@code negotiate}) and {@link #MAP_ERRORS_PARAMETER} ({@code true} or {@code false}).
 *
 * <p>A transaction the database rolled back on a conflict (a deadlock, a serialization failure, a
 * Galera certification conflict) answers 503 with {@code Retry-After: 1}. The requests under the
 * paths of the init-param {@link #RETRY_PATHS_PARAMETER} run again instead, in a fresh context, up to
 * {@code transaction-retries} times, while their response is not committed (see
 * {@link #RETRY_PATHS_PARAMETER}).
 *
 * <p>An {@code ERROR} dispatch (the container's error page) runs in a fresh context, after the
 * request's own was rolled back. Work that an asynchronous request runs on other threads goes
 * through {@link #wrap(AsyncContext, Runnable)}; a request that times out is rolled back and
 * answered with {@link ErrorResponse#TIMED_OUT}.
 *
 * <p>Subclass it only to declare it with {@code @WebFilter}: its methods are final. Thread-safe.
 */
public class CarafeFilter implements Filter {
    /** The request attribute holding the request's {@link DbContext}. */
    public static final String CONTEXT_ATTRIBUTE = DbContext.class.getName();

    /**
     * The ServletContext attribute, {@code dev.carafe.Carafe}, in which a filter declared without a
     * {@code Carafe} finds one: set it in a {@code ServletContextListener}.
     */
    public static final String DB_ATTRIBUTE = Carafe.class.getName();

    /**
     * The init-param, {@code db-supplier}, naming a class that implements
     * {@code java.util.function.Supplier<Carafe>} and has a public constructor without arguments.
     * The filter calls it once, when it starts, and closes what it got when the container stops
     * the filter. Return the same instance from every call, such as one held in a static field.
     */
    public static final String DB_SUPPLIER_PARAMETER = "db-supplier";

    /** The init-param, {@code error-format}, choosing the {@link ErrorFormat}: json, html or negotiate. */
    public static final String ERROR_FORMAT_PARAMETER = "error-format";

    /** The init-param, {@code map-errors}: {@code false} leaves Carafe's exceptions to the container. */
    public static final String MAP_ERRORS_PARAMETER = "map-errors";

    /**
     * The init-param, {@code retry-paths}: comma-separated path prefixes ({@code /orders, /cart}; whole
     * segments; {@code /} for all) whose requests run again, handler and all, in a fresh context,
     * when their transaction fails on a conflict or loses its connection before the commit. Only
     * for handlers that are safe to run twice up to their commit (their effects outside the database
     * happen after it), and only while the response is not committed: a handler that flushed its
     * response, or went asynchronous, is answered as without the param. A connection lost during
     * the commit itself is never retried: the database may have committed.
     */
    public static final String RETRY_PATHS_PARAMETER = "retry-paths";

    /** The name {@link #register(ServletContext, Carafe)} gives the filter: {@code carafe}. */
    public static final String NAME = "carafe";

    private Carafe db;
    private boolean closeDbOnDestroy;
    private ErrorFormat errorFormat;
    private boolean mapErrors;
    private ErrorAnswer errors;
    private TenantResolver tenantResolver;
    private List<String> pathsWithoutTenant = List.of();
    private RetryPaths retryPaths = RetryPaths.NONE;

    /**
     * Creates a filter that finds its {@code Carafe} when the container starts it: in the
     * ServletContext attribute {@link #DB_ATTRIBUTE}, or from the init-param
     * {@link #DB_SUPPLIER_PARAMETER}. The constructor that {@code web.xml} and {@code @WebFilter} use.
     */
    public CarafeFilter() {
        this(null, ErrorFormat.NEGOTIATE, true);
    }

    /**
     * Creates the filter, mapping Carafe's exceptions to responses whose format follows each
     * request's {@code Accept} header.
     *
     * @param db the Carafe instance whose contexts the requests get
     */
    public CarafeFilter(Carafe db) {
        this(db, ErrorFormat.NEGOTIATE, true);
    }

    /**
     * Creates the filter, mapping Carafe's exceptions to responses in one format.
     *
     * @param db the Carafe instance whose contexts the requests get
     * @param errorFormat the format of the error bodies, such as {@link ErrorFormat#JSON} for an API
     */
    public CarafeFilter(Carafe db, ErrorFormat errorFormat) {
        this(db, errorFormat, true);
    }

    /**
     * Creates the filter.
     *
     * @param db the Carafe instance whose contexts the requests get
     * @param mapErrors whether to turn Carafe's exceptions into responses (a web framework with
     *     its own exception handling, such as Javalin, maps them itself)
     */
    public CarafeFilter(Carafe db, boolean mapErrors) {
        this(db, ErrorFormat.NEGOTIATE, mapErrors);
    }

    /**
     * Creates the filter.
     *
     * @param db the Carafe instance whose contexts the requests get
     * @param errorFormat the format of the error bodies the filter writes
     * @param mapErrors whether to turn Carafe's exceptions into responses; a request's tenant that is
     *     missing, invalid or unknown is answered in {@code errorFormat} either way
     */
    public CarafeFilter(Carafe db, ErrorFormat errorFormat, boolean mapErrors) {
        this.db = db;
        this.errorFormat = errorFormat;
        this.mapErrors = mapErrors;
        this.errors = mapErrors ? new ErrorAnswer(errorFormat) : null;
    }

    /**
     * Opens each request's context for the tenant the resolver finds: a request that names none is
     * answered with 400, one whose id breaks the rule with 400 (before any SQL), one naming a tenant
     * that does not exist with 404, in the filter's error format. Call it before the container starts the filter.
     *
     * <pre>{@code
     * CarafeFilter filter = new CarafeFilter(db).tenantResolver(TenantResolver.subdomain());
     * }</pre>
     *
     * @param resolver finds a request's tenant
     * @return this filter
     */
    public final CarafeFilter tenantResolver(TenantResolver resolver) {
        this.tenantResolver = resolver;
        return this;
    }

    /**
     * Lets requests under these paths (whole segments: {@code "/login"} holds {@code /login} and
     * {@code /login/reset}) name no tenant, such as a sign-in page or a health check: their context
     * has none, and a bind that keeps tenants apart still refuses to work in it.
     *
     * @param pathPrefixes paths such as {@code "/login"}
     * @return this filter
     */
    public final CarafeFilter pathsWithoutTenant(String... pathPrefixes) {
        this.pathsWithoutTenant = List.of(pathPrefixes);
        return this;
    }

    /**
     * Registers a filter for {@code db} on every path, for the {@code REQUEST}, {@code ASYNC} and
     * {@code ERROR} dispatches, async-supported, before the filters of {@code web.xml}, under the
     * name {@link #NAME}. Call it from a {@code ServletContextListener} declared in {@code web.xml}
     * or with {@code @WebListener}, or from a {@code ServletContainerInitializer}.
     *
     * @param servletContext the web application's context
     * @param db the Carafe instance whose contexts the requests get
     * @return the registration, to add init-params such as {@link #ERROR_FORMAT_PARAMETER}
     * @throws IllegalStateException when the application already has a filter of that name
     */
    public static FilterRegistration.Dynamic register(ServletContext servletContext, Carafe db) {
        FilterRegistration.Dynamic filter = servletContext.addFilter(NAME, new CarafeFilter(db));
        if (filter == null) {
            throw new IllegalStateException("This web application already has a filter named '" + NAME + "': register"
                    + " CarafeFilter once, either with CarafeFilter.register or in web.xml.");
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR),
                false, "/*");
        return filter;
    }

    /**
     * Returns the Carafe context of a request that passed through the filter.
     *
     * @param request the request
     * @return the request's context
     * @throws IllegalStateException when the filter is not installed for this request
     */
    public static DbContext context(ServletRequest request) {
        Object context = request.getAttribute(CONTEXT_ATTRIBUTE);
        if (context == null) {
            throw new IllegalStateException("This request has no Carafe context: install CarafeFilter (or register"
                    + " CarafePlugin in Javalin) for this path.");
        }
        return (DbContext) context;
    }

    /**
     * Wraps the work of an asynchronous request so that it runs in the request's context on
     * whichever thread runs it, and so that its failures answer the request as the filter answers
     * those of a servlet. When the work throws, the request's work is rolled back, the response
     * gets Carafe's error body (an exception Carafe maps) or the container's 500 (any other), and
     * the asynchronous request completes. When it returns, it is the work's to complete.
     *
     * <pre>{@code
     * AsyncContext async = request.startAsync();
     * executor.execute(CarafeFilter.wrap(async, () -> {
     *     Todo todo = db.getOr404(Todo.class, id);   // a 404 in Carafe's format when missing
     *     async.getResponse().getWriter().print(todo.title);
     *     async.complete();
     * }));
     * }</pre>
     *
     * @param async the request's asynchronous context; call this on the request's thread
     * @param work the work
     * @return the wrapped work
     * @throws IllegalStateException when the filter is not installed for this request
     */
    public static Runnable wrap(AsyncContext async, Runnable work) {
        return new AsyncWork(async, context(async.getRequest()), work);
    }

    /**
     * Finds the {@code Carafe} when none was given (or the init-param {@link #DB_SUPPLIER_PARAMETER}
     * names where it comes from) and reads the other init-params.
     *
     * @throws ServletException when the filter finds no {@code Carafe}, naming the two ways to give
     *     it one, or when an init-param has a wrong value
     */
    @Override
    public final void init(FilterConfig config) throws ServletException {
        String name = config.getFilterName();
        String supplier = config.getInitParameter(DB_SUPPLIER_PARAMETER);
        if (supplier != null) {
            db = DbLookup.fromSupplier(name, supplier, config.getServletContext().getClassLoader());
            closeDbOnDestroy = true;
        } else if (db == null) {
            db = DbLookup.fromAttribute(config.getServletContext(), name, DB_ATTRIBUTE, DB_SUPPLIER_PARAMETER);
        }
        String format = config.getInitParameter(ERROR_FORMAT_PARAMETER);
        if (format != null) {
            try {
                errorFormat = ErrorFormat.named(format);
            } catch (IllegalArgumentException e) {
                throw new ServletException("CarafeFilter '" + name + "': init-param " + ERROR_FORMAT_PARAMETER + ": "
                        + e.getMessage());
            }
        }
        String map = config.getInitParameter(MAP_ERRORS_PARAMETER);
        if (map != null) {
            String value = map.strip().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new ServletException("CarafeFilter '" + name + "': init-param " + MAP_ERRORS_PARAMETER + " is \""
                        + map + "\": use true or false.");
            }
            mapErrors = value.equals("true");
        }
        String retry = config.getInitParameter(RETRY_PATHS_PARAMETER);
        if (retry != null) {
            try {
                retryPaths = RetryPaths.parse(retry);
            } catch (IllegalArgumentException e) {
                throw new ServletException("CarafeFilter '" + name + "': init-param " + RETRY_PATHS_PARAMETER + ": "
                        + e.getMessage() + ".");
            }
        }
        errors = mapErrors ? new ErrorAnswer(errorFormat) : null;
    }

    /**
     * Runs the request inside its Carafe context. A later dispatch of the same request on another
     * thread, such as an asynchronous dispatch, reuses the request's context while it is open; an
     * error dispatch rolls back and closes what is left of it and gets a fresh context of its own.
     */
    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        // Of several filters on one path, the innermost one's format answers: the one of a group of paths.
        if (errors != null) request.setAttribute(ErrorAnswer.ATTRIBUTE, errors);
        DbContext existing = request.getAttribute(CONTEXT_ATTRIBUTE) instanceof DbContext context && context.isOpen()
                ? context : null;
        if (existing != null && db.hasContext() && db.currentContext() == existing) {
            // A forward or include inside the request's own dispatch, or a second filter: the call
            // that bound the context answers, before it rolls back and closes it.
            chain.doFilter(request, response);
            return;
        }
        if (existing != null && request.getDispatcherType() == DispatcherType.ERROR) {
            // Asynchronous work failed: the error page must not see, or commit, what it left.
            RequestCompletion.close(existing);
            existing = null;
        }
        if (existing == null && request.getDispatcherType() == DispatcherType.REQUEST && retryPaths.holds(http)) {
            runRetrying(http, (HttpServletResponse) response, chain);
            return;
        }
        DbContext context = existing != null ? existing : openOrAnswer(http, response);
        if (context == null) return;
        try (DbContext.Binding ignored = context.bind()) {
            runAnswering(http, response, chain);
        } finally {
            // A dispatch that reused the context leaves it to the one that opened it.
            if (existing == null) closeNowOrOnCompletion(request, context);
        }
    }

    /** Closes the {@code Carafe} the filter got from its supplier; one given to it is the giver's. */
    @Override
    public final void destroy() {
        if (closeDbOnDestroy) db.close();
    }

    private static void runAnswering(HttpServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            answerOrRethrow(e, request, response);
        }
    }

    private static void answerOrRethrow(Exception e, HttpServletRequest request, ServletResponse response)
            throws IOException, ServletException {
        // Frameworks such as Spring MVC wrap what their handlers threw in a ServletException.
        Throwable cause = e instanceof ServletException servlet ? unwrapped(servlet) : e;
        ErrorAnswer answer = ErrorAnswer.of(request);
        if (answer != null && cause instanceof RuntimeException runtime && answer.answer(runtime, request, response)) {
            return;
        }
        if (e instanceof ServletException servlet) throw servlet;
        throw (RuntimeException) e;
    }

    /**
     * Runs a request of a retrying path: each attempt in a context of its own, closed (rolled back)
     * before the pause that precedes the next attempt, with the response put back as it was.
     */
    private void runRetrying(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ResponseStart start = ResponseStart.of(response);
        for (int attempt = 1; ; attempt++) {
            DbContext context = openOrAnswer(request, response);
            if (context == null) return;
            boolean again = false;
            try (DbContext.Binding ignored = context.bind()) {
                chain.doFilter(request, response);
            } catch (RuntimeException | ServletException e) {
                Throwable cause = e instanceof ServletException servlet ? unwrapped(servlet) : e;
                if (!request.isAsyncStarted() && !response.isCommitted() && cause != null) {
                    RequestCompletion.close(context);
                    again = db.transactionRetries().againAfter(cause, attempt);
                }
                if (!again) answerOrRethrow(e, request, response);
            } finally {
                if (!again) closeNowOrOnCompletion(request, context);
            }
            if (!again) return;
            start.restore(response);
        }
    }

    private static void closeNowOrOnCompletion(ServletRequest request, DbContext context) {
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new RequestCompletion(context));
        } else {
            RequestCompletion.close(context);
        }
    }

    /**
     * Opens the request's context, or answers a request whose tenant is missing, invalid or unknown
     * and returns {@code null}: whatever mapErrors says, as no handler could answer it.
     */
    private DbContext openOrAnswer(HttpServletRequest request, ServletResponse response) throws IOException {
        try {
            return open(request, response);
        } catch (InvalidTenantException | UnknownTenantException | MissingTenantException e) {
            (errors != null ? errors : new ErrorAnswer(errorFormat)).answer(e, request, response);
            return null;
        }
    }

    private DbContext open(HttpServletRequest request, ServletResponse response) {
        QueryString query = new QueryString(request.getQueryString());
        DbContext context;
        if (tenantResolver == null) {
            context = db.requestContexts().open(query);
        } else {
            String tenant = tenantResolver.resolve(new ServletTenantRequest(request));
            if (tenant == null && !isWithoutTenant(request.getRequestURI())) {
                throw new MissingTenantException("This request names no tenant.");
            }
            context = tenant == null ? db.requestContexts().open(query) : db.requestContexts().open(query, tenant);
        }
        request.setAttribute(CONTEXT_ATTRIBUTE, context);
        if (response instanceof HttpServletResponse http) {
            ReadYourWritesCookie.attach(db.replicaReads(), context, request, http);
        }
        return context;
    }

    private boolean isWithoutTenant(String path) {
        for (String prefix : pathsWithoutTenant) {
            if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) return true;
        }
        return false;
    }

    private static Throwable unwrapped(ServletException exception) {
        Throwable cause = exception.getCause();
        while (cause instanceof ServletException wrapped && wrapped.getCause() != null) cause = wrapped.getCause();
        return cause;
    }
}
