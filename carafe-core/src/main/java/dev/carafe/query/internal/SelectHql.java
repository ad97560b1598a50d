package dev.carafe.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.query.Order;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.SortDirection;
import org.hibernate.query.restriction.Restriction;

/**
 * Writes a select of a model as HQL text, when every part of it can be written: equality
 * restrictions from {@code filterBy}, orders by attribute name, and fetched associations.
 * Hibernate caches the translation of an HQL string, so a select that is built again on every
 * request (as a page of posts is) is translated to SQL once; the same select as criteria would be
 * translated on every execution, and its count query always is. Values are never written into the
 * text: they become named parameters.
 *
 * @param items the select itself
 * @param count {@code select count(*)} of the same rows, without orders and fetches
 * @param parameters the values of {@code :p0}, {@code :p1}, ... in order
 */
public record SelectHql(String items, String count, List<Object> parameters) {
    private static final Pattern PATH = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");
    private static final String ALIAS = "e";
    private static final String PARAMETER = "p";

    /**
     * Writes the HQL of a model select, or returns {@code null} when a part of it cannot be
     * written (a restriction other than {@code filterBy}'s, a case-insensitive order, an order by
     * select-list element), so the caller runs it as criteria instead.
     *
     * @param entityName the model's entity name
     * @param restrictions the select's restrictions
     * @param orders the select's orders
     * @param fetches the associations fetched with it
     * @return the HQL, or {@code null}
     */
    public static SelectHql of(String entityName, List<? extends Restriction<?>> restrictions,
            List<? extends Order<?>> orders, List<String> fetches) {
        if (!PATH.matcher(entityName).matches()) return null;
        List<Object> parameters = new ArrayList<>(restrictions.size());
        StringBuilder where = new StringBuilder();
        for (Restriction<?> restriction : restrictions) {
            if (!(restriction instanceof AttributeEquals<?> equals) || !PATH.matcher(equals.attribute()).matches()) {
                return null;
            }
            where.append(where.isEmpty() ? " where " : " and ").append(ALIAS).append('.').append(equals.attribute());
            if (equals.value() == null) {
                where.append(equals.isNegated() ? " is not null" : " is null");
            } else {
                where.append(equals.isNegated() ? " <> :" : " = :").append(PARAMETER).append(parameters.size());
                parameters.add(equals.value());
            }
        }
        StringBuilder orderBy = new StringBuilder();
        for (Order<?> order : orders) {
            if (order.entityClass() == null || !order.caseSensitive() || order.attributeName() == null
                    || !PATH.matcher(order.attributeName()).matches()) {
                return null;
            }
            orderBy.append(orderBy.isEmpty() ? " order by " : ", ").append(ALIAS).append('.')
                    .append(order.attributeName()).append(order.direction() == SortDirection.DESCENDING ? " desc" : " asc");
            switch (order.nullPrecedence()) {
                case FIRST -> orderBy.append(" nulls first");
                case LAST -> orderBy.append(" nulls last");
                default -> { }
            }
        }
        String from = " from " + entityName + " " + ALIAS;
        StringBuilder items = new StringBuilder("select ").append(ALIAS).append(from);
        for (String association : fetches) {
            if (!PATH.matcher(association).matches()) return null;
            items.append(" left join fetch ").append(ALIAS).append('.').append(association);
        }
        items.append(where).append(orderBy);
        return new SelectHql(items.toString(), "select count(*)" + from + where, List.copyOf(parameters));
    }

    /**
     * Binds this select's values to a query made from {@link #items()} or {@link #count()}.
     *
     * @param query the query
     * @param <Q> the query's type
     * @return the query
     */
    public <Q extends SelectionQuery<?>> Q bind(Q query) {
        for (int i = 0; i < parameters.size(); i++) query.setParameter(PARAMETER + i, parameters.get(i));
        return query;
    }
}
