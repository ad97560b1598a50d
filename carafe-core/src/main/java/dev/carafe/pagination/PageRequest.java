package dev.carafe.pagination;

import dev.carafe.error.NotFoundException;
import java.util.function.Function;

/**
 * How to paginate: the arguments of Flask-SQLAlchemy's {@code paginate()}. A page or per-page
 * left unset is read from the current request's query string ({@code page}, {@code per_page})
 * when there is one, else defaults to 1 and 20.
 *
 * <pre>{@code
 * db.paginate(select, PageRequest.of(3, 20).maxPerPage(50).errorOut(false).count(true));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param page the page number, from 1, or {@code null} to read it from the request
 * @param perPage the rows per page, or {@code null} to read it from the request
 * @param maxPerPage the largest per-page a request may ask for (default 100)
 * @param errorOut whether bad or out-of-range arguments give a 404 (default true) instead of falling back
 * @param count whether to count the rows (default true); without a count, one extra row is fetched
 *     so {@code hasNext} still tells the truth
 */
public record PageRequest(Integer page, Integer perPage, int maxPerPage, boolean errorOut, boolean count) {
    /** The default number of rows per page. */
    public static final int DEFAULT_PER_PAGE = 20;
    /** The default largest number of rows per page. */
    public static final int DEFAULT_MAX_PER_PAGE = 100;

    /**
     * Checks the arguments.
     *
     * @param page the page number, or {@code null}
     * @param perPage the rows per page, or {@code null}
     * @param maxPerPage at least 1
     * @param errorOut whether to raise 404 for bad arguments
     * @param count whether to count
     */
    public PageRequest {
        if (maxPerPage < 1) throw new IllegalArgumentException("maxPerPage must be at least 1, got " + maxPerPage + ".");
    }

    /**
     * Returns the defaults: page and per-page from the request, at most 100 per page, errors
     * raise 404, rows counted.
     *
     * @return the default request
     */
    public static PageRequest defaults() {
        return new PageRequest(null, null, DEFAULT_MAX_PER_PAGE, true, true);
    }

    /**
     * Returns a request for one page.
     *
     * @param page the page number, from 1
     * @param perPage the rows per page
     * @return the request
     */
    public static PageRequest of(int page, int perPage) {
        return new PageRequest(page, perPage, DEFAULT_MAX_PER_PAGE, true, true);
    }

    /**
     * Returns a copy with another page number.
     *
     * @param number the page number, or {@code null} to read it from the request
     * @return the new request
     */
    public PageRequest page(Integer number) {
        return new PageRequest(number, perPage, maxPerPage, errorOut, count);
    }

    /**
     * Returns a copy with another per-page.
     *
     * @param rows the rows per page, or {@code null} to read it from the request
     * @return the new request
     */
    public PageRequest perPage(Integer rows) {
        return new PageRequest(page, rows, maxPerPage, errorOut, count);
    }

    /**
     * Returns a copy with another largest per-page.
     *
     * @param rows at least 1
     * @return the new request
     */
    public PageRequest maxPerPage(int rows) {
        return new PageRequest(page, perPage, rows, errorOut, count);
    }

    /**
     * Returns a copy that raises 404 for bad arguments, or falls back to defaults.
     *
     * @param raise whether to raise
     * @return the new request
     */
    public PageRequest errorOut(boolean raise) {
        return new PageRequest(page, perPage, maxPerPage, raise, count);
    }

    /**
     * Returns a copy that counts the rows, or does not.
     *
     * @param countRows whether to count
     * @return the new request
     */
    public PageRequest count(boolean countRows) {
        return new PageRequest(page, perPage, maxPerPage, errorOut, countRows);
    }

    /**
     * Works out the page and per-page this request asks for, as Flask-SQLAlchemy does: explicit
     * values win, else the request's query string ({@code page}, {@code per_page}), else 1 and 20;
     * per-page is then held to {@code maxPerPage}. A value that is not a whole number, or is below
     * 1, raises 404 with {@code errorOut}, else falls back to 1 (page) or {@code min(20, maxPerPage)}.
     *
     * @param queryParameters the request's query-string lookup, or {@code null} outside a request
     * @return a copy with page and per-page set
     * @throws NotFoundException with {@code errorOut}, for a bad page or per-page
     */
    public PageRequest resolve(Function<String, String> queryParameters) {
        int number = page != null ? page : fromQuery(queryParameters, "page", 1);
        int rows = perPage != null ? perPage : fromQuery(queryParameters, "per_page", DEFAULT_PER_PAGE);
        rows = Math.min(rows, maxPerPage);
        if (number < 1) {
            if (errorOut) throw new NotFoundException();
            number = 1;
        }
        if (rows < 1) {
            if (errorOut) throw new NotFoundException();
            rows = Math.min(DEFAULT_PER_PAGE, maxPerPage);
        }
        return new PageRequest(number, rows, maxPerPage, errorOut, count);
    }

    private int fromQuery(Function<String, String> queryParameters, String name, int fallback) {
        String raw = queryParameters == null ? null : queryParameters.apply(name);
        if (raw == null) return fallback;
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            if (errorOut) throw new NotFoundException();
            return fallback;
        }
    }
}
