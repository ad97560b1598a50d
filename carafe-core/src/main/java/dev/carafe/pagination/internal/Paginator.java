package dev.carafe.pagination.internal;

import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.PageSource;
import dev.carafe.pagination.Pagination;
import dev.carafe.query.Select;
import dev.carafe.query.internal.ModelSelect;
import dev.carafe.session.internal.CarafeContext;
import dev.carafe.session.internal.Contexts;
import java.util.function.Function;

/**
 * Pages selects and other sources in the current context, with page and per-page from the
 * request the context serves: the feature behind {@code db.paginate(...)} and
 * {@code db.paginateKeyset(...)}. Thread-safe.
 */
public final class Paginator {
    private final Contexts contexts;
    private final KeysetPaginator keysets;

    /**
     * Creates the feature.
     *
     * @param contexts where the current context comes from
     * @param cursorSecret the key that signs keyset cursors
     */
    public Paginator(Contexts contexts, byte[] cursorSecret) {
        this.contexts = contexts;
        this.keysets = new KeysetPaginator(new CursorCodec(cursorSecret));
    }

    /**
     * Returns a page of a select.
     *
     * @param select the select
     * @param request the pagination arguments; those left unset come from the request
     * @param <T> the row type
     * @return the page
     */
    public <T> Pagination<T> page(Select<T> select, PageRequest request) {
        CarafeContext context = contexts.current();
        return Pagination.of(new SelectPageSource<>(context.sessions(), ModelSelect.of(select)),
                request.resolve(context.queryParameters()));
    }

    /**
     * Returns a page of any source.
     *
     * @param source the rows
     * @param request the pagination arguments; those left unset come from the request
     * @param <T> the row type
     * @return the page
     */
    public <T> Pagination<T> page(PageSource<T> source, PageRequest request) {
        CarafeContext context = contexts.currentOrNull();
        return Pagination.of(source, request.resolve(context == null ? null : context.queryParameters()));
    }

    /**
     * Returns the keyset page a cursor points at, with the cursor's rows per page; a first page
     * takes them from the request's {@code per_page}. A {@code per_page} sent with a cursor must be
     * the cursor's.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param <T> the model type
     * @return the page
     */
    public <T> KeysetPage<T> keyset(Select<T> select, String cursor) {
        Function<String, String> query = contexts.current().queryParameters();
        boolean asked = query != null && query.apply("per_page") != null;
        Integer perPage = asked ? PageRequest.defaults().page(1).resolve(query).perPage() : null;
        return keyset(select, cursor, perPage, true);
    }

    /**
     * Returns the keyset page a cursor points at, with an explicit per-page; a cursor made for
     * another per-page is refused.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param perPage the rows per page, from 1
     * @param <T> the model type
     * @return the page
     */
    public <T> KeysetPage<T> keyset(Select<T> select, String cursor, int perPage) {
        if (perPage < 1) throw new IllegalArgumentException("perPage must be at least 1, got " + perPage + ".");
        return keyset(select, cursor, perPage, false);
    }

    private <T> KeysetPage<T> keyset(Select<T> select, String cursor, Integer perPage, boolean fromQueryString) {
        ModelSelect<T> model = ModelSelect.of(select);
        return keysets.page(contexts.current().sessions().readerForSelect(model), model, cursor, perPage,
                fromQueryString);
    }
}
