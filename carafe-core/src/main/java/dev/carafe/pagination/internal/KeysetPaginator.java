package dev.carafe.pagination.internal;

import dev.carafe.observe.internal.ApiCall;
import dev.carafe.pagination.KeysetPage;
import dev.carafe.query.internal.ModelSelect;
import dev.carafe.query.internal.SelectQueries;
import jakarta.persistence.metamodel.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.query.KeyedPage;
import org.hibernate.query.KeyedResultList;
import org.hibernate.query.Order;
import org.hibernate.query.Page;

/** Runs keyset pages with Hibernate's {@link KeyedPage}, signing each position as a cursor. */
final class KeysetPaginator {
    private final CursorCodec codec;

    KeysetPaginator(CursorCodec codec) {
        this.codec = codec;
    }

    /** Loads the page a cursor points at, or the first page for a {@code null} cursor. */
    <T> KeysetPage<T> page(org.hibernate.Session session, ModelSelect<T> select, String cursor, int perPage) {
        if (select.entity() == null) {
            throw new IllegalArgumentException("Keyset pagination needs a select of a model, not of "
                    + select.type().getSimpleName() + ".");
        }
        List<Order<? super T>> orders = totalOrder(select);
        String fingerprint = fingerprint(select, orders);
        KeyedPage<T> keyed;
        int number = 0;
        if (cursor == null || cursor.isEmpty()) {
            keyed = Page.first(perPage).keyedBy(orders);
        } else {
            CursorCodec.Position position = codec.decode(cursor, fingerprint, orders.size());
            number = position.page();
            List<Comparable<?>> key = new ArrayList<>();
            for (Object value : position.key()) key.add((Comparable<?>) value);
            keyed = Page.page(perPage, number).<T>keyedBy(orders).withKey(key, position.forward()
                    ? KeyedPage.KeyInterpretation.KEY_OF_LAST_ON_PREVIOUS_PAGE
                    : KeyedPage.KeyInterpretation.KEY_OF_FIRST_ON_NEXT_PAGE);
        }
        KeyedResultList<T> result;
        try (ApiCall ignored = ApiCall.enter()) {
            result = SelectQueries.unpaged(session, select.unpaged().reordered(List.of())).getKeyedResultList(keyed);
        }
        boolean hasNext = !result.isLastPage();
        boolean hasPrev = number > 0;
        String next = hasNext ? cursorOf(result.getNextPage(), true, number + 1, fingerprint) : null;
        String prev = hasPrev ? cursorOf(result.getPreviousPage(), false, number - 1, fingerprint) : null;
        return new KeysetPage<>(result.getResultList(), perPage, hasNext, hasPrev, next, prev);
    }

    private String cursorOf(KeyedPage<?> page, boolean forward, int number, String fingerprint) {
        if (page == null || page.getKey() == null) return null;
        return codec.encode(new CursorCodec.Position(forward, number, new ArrayList<Object>(page.getKey())), fingerprint);
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

    private static String fingerprint(ModelSelect<?> select, List<? extends Order<?>> orders) {
        return select.entity().getName() + "|" + orders.stream()
                .map(order -> order.attributeName() + " " + order.direction()).collect(Collectors.joining(","));
    }
}
