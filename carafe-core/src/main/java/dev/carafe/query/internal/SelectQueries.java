package dev.carafe.query.internal;

import jakarta.persistence.criteria.JoinType;
import java.util.List;
import org.hibernate.query.Order;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.restriction.Restriction;
import org.hibernate.query.specification.SelectionSpecification;

/**
 * Turns selects into Hibernate queries. A select of a model built from {@code filterBy},
 * attribute orders and {@code fetch} runs as HQL text, whose translation Hibernate caches;
 * anything else runs as a Hibernate {@link SelectionSpecification}.
 */
public final class SelectQueries {
    private SelectQueries() {}

    /**
     * Builds the query a select stands for, with its limit and offset.
     *
     * @param session the Hibernate session of the select's bind
     * @param select the select
     * @param <T> the row type
     * @return the query, ready to run
     */
    public static <T> SelectionQuery<T> paged(org.hibernate.Session session, ModelSelect<T> select) {
        SelectionQuery<T> query = unpaged(session, select);
        if (select.offset() != null) query.setFirstResult(select.offset());
        if (select.limit() != null) query.setMaxResults(select.limit());
        return query;
    }

    /**
     * Builds the query a select stands for, without its limit and offset (callers page it).
     *
     * @param session the Hibernate session of the select's bind
     * @param select the select
     * @param <T> the row type
     * @return the query, ready to run
     */
    public static <T> SelectionQuery<T> unpaged(org.hibernate.Session session, ModelSelect<T> select) {
        SelectionQuery<T> query;
        SelectHql text = asHql(select);
        if (text != null) {
            query = text.bind(session.createSelectionQuery(text.items(), select.type()));
        } else if (select.hql() != null && select.restrictions().isEmpty() && select.orders().isEmpty()
                && select.fetches().isEmpty()) {
            query = session.createSelectionQuery(select.hql(), select.type());
        } else {
            SelectionSpecification<T> specification = select.hql() == null
                    ? SelectionSpecification.create(select.type())
                    : SelectionSpecification.create(select.type(), select.hql());
            for (Restriction<? super T> restriction : select.restrictions()) {
                specification = specification.restrict(restriction);
            }
            for (Order<? super T> order : select.orders()) specification = specification.sort(order);
            for (String association : select.fetches()) {
                specification = specification.augment((builder, criteria, root) -> root.fetch(association, JoinType.LEFT));
            }
            query = specification.createQuery(session);
        }
        select.parameters().forEach(query::setParameter);
        return query;
    }

    /**
     * Counts the rows of a select, ignoring its limit, offset, orders and fetches: one
     * {@code select count(*)} statement.
     *
     * @param session the Hibernate session of the select's bind
     * @param select the select
     * @return the number of rows
     */
    public static long count(org.hibernate.Session session, ModelSelect<?> select) {
        SelectHql text = asHql(select);
        if (text == null) return unpaged(session, select.unpaged().reordered(List.of())).getResultCount();
        return text.bind(session.createSelectionQuery(text.count(), Long.class)).getSingleResult();
    }

    private static SelectHql asHql(ModelSelect<?> select) {
        return select.hql() == null
                ? SelectHql.of(select.entity().getName(), select.restrictions(), select.orders(), select.fetches())
                : null;
    }
}
