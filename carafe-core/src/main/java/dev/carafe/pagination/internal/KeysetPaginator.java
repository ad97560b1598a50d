package dev.carafe.pagination.internal;

import dev.carafe.error.BadRequestException;
import dev.carafe.observe.internal.ApiCall;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.pagination.PageRequest;
import dev.carafe.query.internal.ModelSelect;
import dev.carafe.query.internal.SelectQueries;
import jakarta.persistence.metamodel.EntityType;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.query.KeyedPage;
import org.hibernate.query.KeyedResultList;
import org.hibernate.query.Order;
import org.hibernate.query.Page;

/**
 * Runs keyset pages with Hibernate's {@link KeyedPage}, signing each position, with its rows per
 * page, as a cursor bound to the whole query.
 */
final class KeysetPaginator {
    private final CursorCodec codec;

    KeysetPaginator(CursorCodec codec) {
        this.codec = codec;
    }

    /**
     * Loads the page a cursor points at, or the first page for a {@code null} cursor.
     *
     * @param perPage the rows per page asked for, or {@code null} for the cursor's (20 on a first page)
     * @param fromQueryString whether {@code perPage} comes from the request, which bounds a cursor's
     *     rows per page by the default maximum
     * @throws BadRequestException for a cursor that is altered, of another query, or of another page size
     */
    <T> KeysetPage<T> page(org.hibernate.Session session, ModelSelect<T> select, String cursor, Integer perPage,
            boolean fromQueryString) {
        if (select.entity() == null) {
            throw new IllegalArgumentException("Keyset pagination needs a select of a model, not of "
                    + select.type().getSimpleName() + ".");
        }
        List<Order<? super T>> orders = totalOrder(select);
        // A cursor made for one tenant's rows is refused in another tenant's context.
        Object tenant = session.getTenantIdentifierValue();
        String fingerprint = QueryFingerprint.of(select, orders, session.getSessionFactory().getPersistenceUnitUtil())
                + (tenant == null ? "" : "\ntenant " + tenant);
        KeyedPage<T> keyed;
        int number = 0;
        int rows;
        if (cursor == null || cursor.isEmpty()) {
            rows = perPage != null ? perPage : PageRequest.DEFAULT_PER_PAGE;
            keyed = Page.first(rows).keyedBy(orders);
        } else {
            CursorCodec.Position position = codec.decode(cursor, fingerprint, orders.size());
            rows = position.perPage();
            if (fromQueryString && rows > PageRequest.DEFAULT_MAX_PER_PAGE) throw CursorCodec.invalid();
            if (perPage != null && perPage != rows) throw otherPageSize(rows, perPage, fromQueryString);
            number = position.page();
            List<Comparable<?>> key = new ArrayList<>();
            for (Object value : position.key()) key.add((Comparable<?>) value);
            keyed = Page.page(rows, number).<T>keyedBy(orders).withKey(key, position.forward()
                    ? KeyedPage.KeyInterpretation.KEY_OF_LAST_ON_PREVIOUS_PAGE
                    : KeyedPage.KeyInterpretation.KEY_OF_FIRST_ON_NEXT_PAGE);
        }
        KeyedResultList<T> result;
        try (ApiCall ignored = ApiCall.enter()) {
            result = SelectQueries.unpaged(session, select.unpaged().reordered(List.of())).getKeyedResultList(keyed);
        }
        boolean hasNext = !result.isLastPage();
        boolean hasPrev = number > 0;
        String next = hasNext ? cursorOf(result.getNextPage(), true, number + 1, rows, fingerprint) : null;
        String prev = hasPrev ? cursorOf(result.getPreviousPage(), false, number - 1, rows, fingerprint) : null;
        return new KeysetPage<>(result.getResultList(), rows, hasNext, hasPrev, next, prev);
    }

    private static BadRequestException otherPageSize(int made, int asked, boolean fromQueryString) {
        return new BadRequestException("Invalid cursor: it was made for pages of " + made + " rows, not " + asked + "."
                + (fromQueryString ? " Leave per_page out to keep " + made + " rows per page, or start" : " Start")
                + " again from the first page (no cursor).");
    }

    private String cursorOf(KeyedPage<?> page, boolean forward, int number, int rows, String fingerprint) {
        if (page == null || page.getKey() == null) return null;
        return codec.encode(new CursorCodec.Position(forward, number, rows, new ArrayList<Object>(page.getKey())),
                fingerprint);
    }

    /** The select's orders, with the primary key appended unless the order already ends with it. */
    @SuppressWarnings("unchecked")
    private static <T> List<Order<? super T>> totalOrder(ModelSelect<T> select) {
        EntityType<?> entity = select.entity();
        String id = entity.getId(entity.getIdType().getJavaType()).getName();
        List<Order<? super T>> orders = new ArrayList<>(select.orders());
        boolean endsWithId = !orders.isEmpty() && id.equals(orders.get(orders.size() - 1).attributeName());
        if (!endsWithId) orders.add(Order.asc((Class<T>) entity.getJavaType(), id));
        return orders;
    }
}
