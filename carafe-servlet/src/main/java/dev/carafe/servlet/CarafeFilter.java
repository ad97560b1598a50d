package dev.carafe.servlet;

import dev.carafe.Carafe;
import dev.carafe.servlet.internal.QueryString;
import dev.carafe.web.ErrorResponse;
import dev.carafe.session.DbContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request its own Carafe context, for any Jakarta Servlet container: opened lazily
 * (a request that never touches the database takes no connection), bound to the request rather
 * than to a thread, and closed when the request completes, after asynchronous processing too;
 * whatever the request did not commit is rolled back. {@code db.paginate(select)} reads
 * {@code page} and {@code per_page} from the request's query string. {@link
 * dev.carafe.error.NotFoundException}, {@link dev.carafe.error.BadRequestException} and {@link
 * dev.carafe.bind.DatabaseUnavailableException} become 404, 400 and 503 responses ({@link ErrorResponse}),
 * also when a framework's servlet wrapped them in a {@link ServletException}.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new CarafeFilter(db)), "/*",
 *     EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
 * }</pre>
 *
 * <p>Map the filter for {@code ASYNC} dispatches too when servlets dispatch after asynchronous
 * work (the dispatched servlet then runs in the request's context), and for {@code ERROR} when
 * the container's error pages use the database (they get a fresh context, as the request's own
 * was rolled back when the exception left it).
 *
 * <p>Thread-safe.
 */
public final class CarafeFilter implements Filter {
    /** The request attribute holding the request's {@link DbContext}. */
    public static final String CONTEXT_ATTRIBUTE = DbContext.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(CarafeFilter.class);

    private final Carafe db;
    private final boolean mapErrors;

    /**
     * Creates the filter, mapping Carafe's exceptions to responses.
     *
     * @param db the Carafe instance whose contexts the requests get
     */
    public CarafeFilter(Carafe db) {
        this(db, true);
    }

    /**
     * Creates the filter.
     *
     * @param db the Carafe instance whose contexts the requests get
     * @param mapErrors whether to turn Carafe's exceptions into 404/400/503 responses (a web
     *     framework with its own exception handling, such as Javalin, maps them itself)
     */
    public CarafeFilter(Carafe db, boolean mapErrors) {
        this.db = db;
        this.mapErrors = mapErrors;
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
     * Runs the request inside its Carafe context. A later dispatch of the same request on another
     * thread, such as an asynchronous dispatch, reuses the request's context while it is open; a
     * dispatch that finds it closed, such as the container's error page after an exception, gets a
     * fresh context of its own.
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http)) {
            chain.doFilter(request, response);
            return;
        }
        DbContext existing = request.getAttribute(CONTEXT_ATTRIBUTE) instanceof DbContext context && context.isOpen()
                ? context : null;
        if (existing != null && isCurrentOnThisThread(existing)) {
            // A forward or include inside the request's own dispatch: the outer call handles it.
            chain.doFilter(request, response);
            return;
        }
        DbContext context = existing != null ? existing : open(http);
        try (DbContext.Binding ignored = context.bind()) {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            if (!respond(e, http, response)) throw e;
        } catch (ServletException e) {
            // Frameworks such as Spring MVC wrap what their handlers threw in a ServletException.
            if (!(unwrapped(e) instanceof RuntimeException cause) || !respond(cause, http, response)) throw e;
        } finally {
            // A dispatch that reused the context leaves it to the one that opened it.
            if (existing == null) closeNowOrOnCompletion(request, context);
        }
    }

    private static void closeNowOrOnCompletion(ServletRequest request, DbContext context) {
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new CloseOnCompletion(context));
        } else {
            close(context);
        }
    }

    private DbContext open(HttpServletRequest request) {
        DbContext context = db.requestContexts().open(new QueryString(request.getQueryString()));
        request.setAttribute(CONTEXT_ATTRIBUTE, context);
        return context;
    }

    private boolean isCurrentOnThisThread(DbContext context) {
        return db.hasContext() && db.currentContext() == context;
    }

    private static Throwable unwrapped(ServletException exception) {
        Throwable cause = exception.getCause();
        while (cause instanceof ServletException wrapped && wrapped.getCause() != null) cause = wrapped.getCause();
        return cause;
    }

    private boolean respond(RuntimeException exception, HttpServletRequest request, ServletResponse response)
            throws IOException {
        ErrorResponse page = mapErrors ? ErrorResponse.of(exception) : null;
        if (page == null || response.isCommitted()) return false;
        write((HttpServletResponse) response, page, request.getHeader("Accept"));
        return true;
    }

    /**
     * Replaces whatever the handler had started to write with the error page. The response is
     * reset (which also releases the writer or stream the handler took) and its headers put back,
     * except the {@code Content-*} ones: those described the body being replaced.
     */
    private static void write(HttpServletResponse response, ErrorResponse page, String accept) throws IOException {
        String contentType = ErrorResponse.contentTypeFor(accept);
        byte[] body = page.render(contentType).getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            List<String> values = List.copyOf(response.getHeaders(name));
            if (!values.isEmpty() && !name.regionMatches(true, 0, "Content-", 0, 8)) kept.put(name, values);
        }
        response.reset();
        kept.forEach((name, values) -> {
            // setHeader first: containers differ in what reset() puts back (Jetty re-adds a new
            // session's cookie, a second time), and the headers must end up exactly as they were.
            response.setHeader(name, values.get(0));
            for (String value : values.subList(1, values.size())) response.addHeader(name, value);
        });
        response.setStatus(page.status());
        response.setContentType(contentType + ";charset=utf-8");
        // No Content-Length: the container would send the response as soon as the body is
        // written, before the request's context is rolled back and closed.
        response.getOutputStream().write(body);
    }

    private static void close(DbContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the request's Carafe context failed; its connections were returned to the pool", e);
        }
    }

    /** Closes the context when asynchronous processing ends, however it ends. */
    private static final class CloseOnCompletion implements AsyncListener {
        private final DbContext context;

        CloseOnCompletion(DbContext context) {
            this.context = context;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            close(context);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close(context);
        }

        @Override
        public void onError(AsyncEvent event) {
            close(context);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
