package dev.carafe.pagination;

import java.util.List;

/**
 * Where a {@link Pagination} gets its rows: the two queries of a page. Carafe implements it for
 * selects; tests and special sources (an in-memory list, a search engine) may implement it too.
 *
 * @param <T> the row type
 */
public interface PageSource<T> {
    /**
     * Returns the rows of a window.
     *
     * @param offset how many rows to skip
     * @param limit how many rows to return at most
     * @return the rows
     */
    List<T> items(long offset, int limit);

    /**
     * Counts every row.
     *
     * @return the total
     */
    long count();
}
