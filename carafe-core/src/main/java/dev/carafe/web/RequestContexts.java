package dev.carafe.web;

import dev.carafe.session.DbContext;
import java.util.function.Function;

/**
 * Opens the Carafe context of a web request: what the Javalin plugin and the servlet filter use,
 * and what an integration with another framework uses in their place. Obtain it from
 * {@link dev.carafe.Carafe#requestContexts()}; Carafe implements it. Thread-safe.
 *
 * <pre>{@code
 * DbContext context = db.requestContexts().open(request::getParameter);
 * try (DbContext.Binding bound = context.bind()) {
 *     chain.doFilter(request, response);
 * } finally {
 *     context.close();
 * }
 * }</pre>
 */
public interface RequestContexts {

    /**
     * Opens a context for one request, current on no thread: {@linkplain DbContext#bind() bind}
     * it wherever the request's work runs, so the context belongs to the request rather than to a
     * thread, and close it when the request is done.
     *
     * @param queryParameters the request's query-string lookup, from which {@code db.paginate}
     *     reads {@code page} and {@code per_page}; returns {@code null} for a missing parameter
     * @return the open context
     */
    DbContext open(Function<String, String> queryParameters);

    /**
     * Opens a context for one request of a tenant, as {@link #open(Function)} does.
     *
     * @param queryParameters the request's query-string lookup
     * @param tenant the tenant a {@link TenantResolver} found for the request
     * @return the open context
     * @throws dev.carafe.tenant.InvalidTenantException (400) for an id that breaks the rule, before any SQL
     * @throws dev.carafe.tenant.UnknownTenantException (404) for a tenant that does not exist
     */
    DbContext open(Function<String, String> queryParameters, String tenant);
}
