package dev.carafe.pagination.internal;

import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.PageSource;
import dev.carafe.pagination.Pagination;
import dev.carafe.query.Select;
import dev.carafe.query.internal.ModelSelect;
import dev.carafe.session.internal.CarafeContext;
import dev.carafe.session.internal.Contexts;

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
     * Returns the keyset page a cursor points at, with per-page from the request.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param <T> the model type
     * @return the page
     */
    public <T> KeysetPage<T> keyset(Select<T> select, String cursor) {
        CarafeContext context = contexts.current();
        int perPage = PageRequest.defaults().page(1).resolve(context.queryParameters()).perPage();
        return keyset(select, cursor, perPage);
    }

    /**
     * Returns the keyset page a cursor points at.
     *
     * @param select the select of a model
     * @param cursor a cursor from a previous page, or {@code null} for the first page
     * @param perPage the rows per page, from 1
     * @param <T> the model type
     * @return the page
     */
    public <T> KeysetPage<T> keyset(Select<T> select, String cursor, int perPage) {
        if (perPage < 1) throw new IllegalArgumentException("perPage must be at least 1, got " + perPage + ".");
        ModelSelect<T> model = ModelSelect.of(select);
        return keysets.page(contexts.current().sessions().readerForSelect(model), model, cursor, perPage);
    }
}
