package dev.carafe.pagination;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.carafe.error.NotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of rows, Flask-SQLAlchemy's {@code Pagination}: the items plus everything a page
 * widget needs ({@link #pages()}, {@link #hasNext()}, {@link #iterPages()}, ...). Obtain one from
 * {@code db.paginate(select)}. Iterating a pagination iterates its items. Serialized by Jackson as
 * {@code {items, page, per_page, total, pages, has_next, has_prev, next_num, prev_num}}.
 *
 * <p>Immutable once built (its items list is unmodifiable); {@link #next()} and {@link #prev()}
 * run new queries and need the context the page was built in. {@link #map(Function)} turns a page of
 * models into a page of views, keeping every property and the JSON form.
 *
 * @param <T> the row type
 */
public final class Pagination<T> implements Iterable<T> {
    private final PageSource<T> source;
    private final int page;
    private final int perPage;
    private final int maxPerPage;
    private final List<T> items;
    private final Long total;
    private final boolean moreRows;

    private Pagination(PageSource<T> source, int page, int perPage, int maxPerPage, List<T> items, Long total,
            boolean moreRows) {
        this.source = source;
        this.page = page;
        this.perPage = perPage;
        this.maxPerPage = maxPerPage;
        // Not List.copyOf: a page of values (an HQL select of a nullable column, a mapped page) may hold nulls.
        this.items = Collections.unmodifiableList(new ArrayList<>(items));
        this.total = total;
        this.moreRows = moreRows;
    }

    /**
     * Loads a page of any source. Page and per-page left unset default to 1 and 20; to read them
     * from a request's query string, as {@code db.paginate(source)} does, pass
     * {@code request.resolve(queryParameters)}.
     *
     * @param source the rows
     * @param request the pagination arguments
     * @param <T> the row type
     * @return the page
     * @throws NotFoundException with {@code errorOut}, for a page or per-page below 1, and for an
     *     empty page other than the first
     */
    public static <T> Pagination<T> of(PageSource<T> source, PageRequest request) {
        PageRequest resolved = request.resolve(null);
        return load(source, resolved.page(), resolved.perPage(), resolved.maxPerPage(), resolved.errorOut(),
                resolved.count(), null);
    }

    private static <T> Pagination<T> load(PageSource<T> source, int page, int perPage, int maxPerPage, boolean errorOut,
            boolean count, Long knownTotal) {
        long offset = (long) (page - 1) * perPage;
        boolean probeNext = !count && knownTotal == null;
        List<T> items = offset > Integer.MAX_VALUE ? List.of() : source.items(offset, probeNext ? perPage + 1 : perPage);
        boolean moreRows = probeNext && items.size() > perPage;
        if (moreRows) items = new ArrayList<>(items.subList(0, perPage));
        Long total = count ? Long.valueOf(source.count()) : knownTotal;
        if (items.isEmpty() && page != 1 && errorOut) throw new NotFoundException();
        return new Pagination<>(source, page, perPage, maxPerPage, items, total, moreRows);
    }

    /**
     * Returns the current page number, from 1.
     *
     * @return the page
     */
    public int page() {
        return page;
    }

    /**
     * Returns the number of rows per page.
     *
     * @return the per-page, after the maximum was applied
     */
    public int perPage() {
        return perPage;
    }

    /**
     * Returns the largest per-page a request could ask for.
     *
     * @return the maximum
     */
    public int maxPerPage() {
        return maxPerPage;
    }

    /**
     * Returns the rows of this page.
     *
     * @return an unmodifiable list
     */
    public List<T> items() {
        return items;
    }

    /**
     * Returns the number of rows of every page, or {@code null} when counting was turned off.
     *
     * @return the total or {@code null}
     */
    public Long total() {
        return total;
    }

    /**
     * Returns the number of pages: 0 when there are no rows or no total.
     *
     * @return the page count
     */
    public int pages() {
        if (total == null || total == 0) return 0;
        return (int) ((total + perPage - 1) / perPage);
    }

    /**
     * Returns the 1-based number of the first row of this page, 0 when the page is empty.
     *
     * @return the first row's number
     */
    public long first() {
        return items.isEmpty() ? 0 : (long) (page - 1) * perPage + 1;
    }

    /**
     * Returns the 1-based number of the last row of this page, {@link #first()} when empty.
     *
     * @return the last row's number
     */
    public long last() {
        long first = first();
        return Math.max(first, first + items.size() - 1);
    }

    /**
     * Tells whether a page comes before this one.
     *
     * @return {@code page > 1}
     */
    public boolean hasPrev() {
        return page > 1;
    }

    /**
     * Returns the previous page's number.
     *
     * @return {@code page - 1}, or {@code null} on the first page
     */
    public Integer prevNum() {
        return hasPrev() ? page - 1 : null;
    }

    /**
     * Tells whether a page comes after this one; without a total, from the extra row fetched.
     *
     * @return whether there is a next page
     */
    public boolean hasNext() {
        return total == null ? moreRows : page < pages();
    }

    /**
     * Returns the next page's number.
     *
     * @return {@code page + 1}, or {@code null} on the last page
     */
    public Integer nextNum() {
        return hasNext() ? page + 1 : null;
    }

    /**
     * Loads the next page with the same per-page and maximum, without counting again.
     *
     * @return the next page (empty past the last one)
     */
    public Pagination<T> next() {
        return next(false);
    }

    /**
     * Loads the next page with the same per-page and maximum, without counting again.
     *
     * @param errorOut whether an empty page raises 404
     * @return the next page
     */
    public Pagination<T> next(boolean errorOut) {
        return load(source, page + 1, perPage, maxPerPage, errorOut, false, total);
    }

    /**
     * Loads the previous page with the same per-page and maximum, without counting again.
     *
     * @return the previous page (page 1 when this is the first)
     */
    public Pagination<T> prev() {
        return prev(false);
    }

    /**
     * Loads the previous page with the same per-page and maximum, without counting again.
     *
     * @param errorOut whether page 0 or an empty page raises 404
     * @return the previous page
     */
    public Pagination<T> prev(boolean errorOut) {
        int previous = page - 1;
        if (previous < 1) {
            if (errorOut) throw new NotFoundException();
            previous = 1;
        }
        return load(source, previous, perPage, maxPerPage, errorOut, false, total);
    }

    /**
     * Returns the same page with each item turned into another, such as a model into the record a
     * JSON endpoint sends: page, per-page, total and every other property stay as they are, and
     * Jackson writes the mapped page as it writes this one. The mapping runs now, on this page's
     * items, and again on the items of each page {@link #next()} and {@link #prev()} of the mapped
     * page load, so they are mapped too.
     *
     * <pre>{@code
     * Pagination<PostView> page = db.paginate(select).map(PostView::of);
     * }</pre>
     *
     * @param mapper turns one item into its view; it may return {@code null}
     * @param <R> the view type
     * @return the mapped page
     */
    public <R> Pagination<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        PageSource<R> mapped = new MappedSource<>(source, mapper);
        return new Pagination<>(mapped, page, perPage, maxPerPage, mapAll(items, mapper), total, moreRows);
    }

    private static <T, R> List<R> mapAll(List<T> items, Function<? super T, ? extends R> mapper) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) mapped.add(mapper.apply(item));
        return mapped;
    }

    /** The rows of a source, each mapped: what the neighbours of a mapped page are loaded from. */
    private record MappedSource<T, R>(PageSource<T> source, Function<? super T, ? extends R> mapper)
            implements PageSource<R> {
        @Override
        public List<R> items(long offset, int limit) {
            return mapAll(source.items(offset, limit), mapper);
        }

        @Override
        public long count() {
            return source.count();
        }
    }

    /**
     * Returns the page numbers for a page widget with the default edges: two pages at each end,
     * two before the current page and four after; {@code null} marks a gap.
     *
     * @return for page 7 of 20: {@code [1, 2, null, 5, 6, 7, 8, 9, 10, 11, null, 19, 20]}
     */
    public List<Integer> iterPages() {
        return iterPages(2, 2, 4, 2);
    }

    /**
     * Returns the page numbers for a page widget; {@code null} marks a gap.
     *
     * @param leftEdge pages shown at the start
     * @param leftCurrent pages shown before the current one
     * @param rightCurrent pages shown after the current one
     * @param rightEdge pages shown at the end
     * @return the page numbers and gaps
     */
    public List<Integer> iterPages(int leftEdge, int leftCurrent, int rightCurrent, int rightEdge) {
        List<Integer> numbers = new ArrayList<>();
        int pagesEnd = pages() + 1;
        if (pagesEnd == 1) return numbers;
        int leftEnd = Math.min(1 + leftEdge, pagesEnd);
        for (int n = 1; n < leftEnd; n++) numbers.add(n);
        if (leftEnd == pagesEnd) return numbers;
        int midStart = Math.max(leftEnd, page - leftCurrent);
        int midEnd = Math.min(page + rightCurrent + 1, pagesEnd);
        if (midStart > leftEnd) numbers.add(null);
        for (int n = midStart; n < midEnd; n++) numbers.add(n);
        if (midEnd == pagesEnd) return numbers;
        int rightStart = Math.max(midEnd, pagesEnd - rightEdge);
        if (rightStart > midEnd) numbers.add(null);
        for (int n = rightStart; n < pagesEnd; n++) numbers.add(n);
        return numbers;
    }

    /**
     * Iterates the items of this page.
     *
     * @return an iterator over {@link #items()}
     */
    @Override
    public Iterator<T> iterator() {
        return items.iterator();
    }

    /**
     * Returns the page as a map with snake_case keys, the shape of its JSON form.
     *
     * @return {@code items, page, per_page, total, pages, has_next, has_prev, next_num, prev_num}
     */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("items", items);
        map.put("page", page);
        map.put("per_page", perPage);
        map.put("total", total);
        map.put("pages", pages());
        map.put("has_next", hasNext());
        map.put("has_prev", hasPrev());
        map.put("next_num", nextNum());
        map.put("prev_num", prevNum());
        return map;
    }

    @Override
    public String toString() {
        return "<Pagination page " + page + " of " + pages() + ", " + items.size() + " items, per_page " + perPage + ">";
    }
}
