package dev.carafe.pagination;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of a keyset ("seek") pagination, which Flask-SQLAlchemy does not have: each page is
 * found from the key of the previous one, so page 5,000 costs what page 1 costs. Obtain one from
 * {@code db.paginateKeyset(select, cursor)} and hand {@link #nextCursor()} back for the next page.
 * Cursors are opaque, URL-safe strings that carry the rows per page and are signed over the whole
 * query; a tampered one, or one of another query or page size, is rejected with a 400. Serialized
 * by Jackson as {@code {items, per_page, has_next, has_prev, next_cursor, prev_cursor}};
 * {@link #map(Function)} gives a page of views with the same form.
 *
 * @param items the rows of this page
 * @param perPage the rows per page
 * @param hasNext whether a page follows
 * @param hasPrev whether a page comes before
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param prevCursor the cursor of the previous page, or {@code null} on the first page
 * @param <T> the row type
 */
public record KeysetPage<T>(List<T> items, int perPage, boolean hasNext, boolean hasPrev, String nextCursor,
        String prevCursor) implements Iterable<T> {

    /**
     * Copies the items, so the page is immutable; a mapped page may hold {@code null} items.
     *
     * @param items the rows
     * @param perPage the rows per page
     * @param hasNext whether a page follows
     * @param hasPrev whether a page comes before
     * @param nextCursor the next page's cursor or {@code null}
     * @param prevCursor the previous page's cursor or {@code null}
     */
    public KeysetPage {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /**
     * Returns the same page with each item turned into another, such as a model into the record a
     * JSON endpoint sends: per-page, {@code hasNext}, {@code hasPrev} and both cursors stay as they
     * are, so the cursors still lead to the neighbouring pages of the same select. Jackson writes
     * the mapped page as it writes this one.
     *
     * <pre>{@code
     * KeysetPage<PostView> page = db.paginateKeyset(select, cursor).map(PostView::of);
     * }</pre>
     *
     * @param mapper turns one item into its view; it may return {@code null}
     * @param <R> the view type
     * @return the mapped page
     */
    public <R> KeysetPage<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) mapped.add(mapper.apply(item));
        return new KeysetPage<>(mapped, perPage, hasNext, hasPrev, nextCursor, prevCursor);
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
     * @return {@code items, per_page, has_next, has_prev, next_cursor, prev_cursor}
     */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("items", items);
        map.put("per_page", perPage);
        map.put("has_next", hasNext);
        map.put("has_prev", hasPrev);
        map.put("next_cursor", nextCursor);
        map.put("prev_cursor", prevCursor);
        return map;
    }
}
