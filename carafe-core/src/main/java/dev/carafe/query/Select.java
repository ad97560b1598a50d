package dev.carafe.query;

import dev.carafe.internal.query.AttributeEquals;
import dev.carafe.internal.query.SelectHql;
import dev.carafe.internal.query.ValueConverter;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.hibernate.query.Order;
import org.hibernate.query.SelectionQuery;
import org.hibernate.query.restriction.Restriction;
import org.hibernate.query.specification.SelectionSpecification;

/**
 * A query for models (or, with HQL, for any values), SQLAlchemy's {@code select()}: an immutable
 * description built on Hibernate's own {@link SelectionSpecification}, {@link Restriction} and
 * {@link Order}, executed by {@code session.execute(select)} on the bind of its model. Every
 * method returns a new {@code Select}; values are always bound as parameters.
 *
 * <pre>{@code
 * Select<Post> recent = db.select(Post.class)
 *     .filterBy("published", true)
 *     .orderByDesc("id")
 *     .fetch("author")
 *     .limit(20);
 * List<Post> posts = db.session().scalars(recent);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of each result row
 */
public final class Select<T> {
    private final Class<T> type;
    private final EntityType<?> entity;
    private final String hql;
    private final String bind;
    private final List<Restriction<? super T>> restrictions;
    private final List<Order<? super T>> orders;
    private final List<String> fetches;
    private final Map<String, Object> parameters;
    private final Integer limit;
    private final Integer offset;

    private Select(Class<T> type, EntityType<?> entity, String hql, String bind, List<Restriction<? super T>> restrictions,
            List<Order<? super T>> orders, List<String> fetches, Map<String, Object> parameters, Integer limit,
            Integer offset) {
        this.type = type;
        this.entity = entity;
        this.hql = hql;
        this.bind = bind;
        this.restrictions = restrictions;
        this.orders = orders;
        this.fetches = fetches;
        this.parameters = parameters;
        this.limit = limit;
        this.offset = offset;
    }

    /**
     * Creates a select of every row of a model. Applications call {@code db.select(Type.class)},
     * which supplies the model's metamodel.
     *
     * @param entity the model's metamodel, used to check attribute names
     * @param <T> the model type
     * @return the select
     */
    public static <T> Select<T> of(EntityType<T> entity) {
        return new Select<>(entity.getJavaType(), entity, null, null, List.of(), List.of(), List.of(), Map.of(), null, null);
    }

    /**
     * Creates a select from an HQL query. Applications call {@code db.select(hql, Type.class)}.
     *
     * @param hql the query, with named parameters such as {@code :name}
     * @param type the type of each result row
     * @param entity the metamodel when {@code type} is a model, else {@code null}
     * @param <T> the row type
     * @return the select
     */
    public static <T> Select<T> ofHql(String hql, Class<T> type, EntityType<?> entity) {
        return new Select<>(type, entity, Objects.requireNonNull(hql, "hql"), null, List.of(), List.of(), List.of(),
                Map.of(), null, null);
    }

    /**
     * Adds a Hibernate restriction, for example {@code Restriction.equal(Post_.published, true)}.
     *
     * @param restriction the restriction
     * @return the new select
     */
    public Select<T> where(Restriction<? super T> restriction) {
        List<Restriction<? super T>> all = new ArrayList<>(restrictions);
        all.add(Objects.requireNonNull(restriction, "restriction"));
        return new Select<>(type, entity, hql, bind, List.copyOf(all), orders, fetches, parameters, limit, offset);
    }

    /**
     * Keeps the rows whose attribute equals the value (SQLAlchemy's {@code filter_by}); a
     * {@code null} value matches null. A string is converted to the attribute's type, so values
     * from a request's query string work.
     *
     * @param attribute the attribute's name in the model
     * @param value the value, bound as a parameter
     * @return the new select
     * @throws IllegalArgumentException for an attribute the model does not have, or a value that
     *     cannot be converted to its type
     */
    public Select<T> filterBy(String attribute, Object value) {
        Attribute<?, ?> described = attribute(attribute);
        Object converted = value;
        if (value != null && !(described instanceof SingularAttribute<?, ?> singular && singular.isAssociation())) {
            converted = ValueConverter.convert(described.getJavaType(), value);
            if (converted == null) {
                throw new InvalidQueryException("'" + value + "' is not a valid value for " + entity.getName() + "."
                        + attribute + ", which is a " + boxed(described.getJavaType()).getSimpleName() + ".");
            }
        }
        return where(new AttributeEquals<T>(attribute, converted));
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) return type;
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    /**
     * Adds Hibernate orders, for example {@code Order.desc(Post_.created)}.
     *
     * @param order the orders, most significant first
     * @return the new select
     */
    @SafeVarargs
    public final Select<T> orderBy(Order<? super T>... order) {
        List<Order<? super T>> all = new ArrayList<>(orders);
        for (Order<? super T> each : order) all.add(Objects.requireNonNull(each, "order"));
        return new Select<>(type, entity, hql, bind, restrictions, List.copyOf(all), fetches, parameters, limit, offset);
    }

    /**
     * Orders by attributes, ascending.
     *
     * @param attributes attribute names of the model, most significant first
     * @return the new select
     * @throws IllegalArgumentException for an attribute the model does not have
     */
    public Select<T> orderBy(String... attributes) {
        Select<T> result = this;
        for (String attribute : attributes) {
            attribute(attribute);
            result = result.orderBy(Order.asc(entityType(), attribute));
        }
        return result;
    }

    /**
     * Orders by attributes, descending.
     *
     * @param attributes attribute names of the model, most significant first
     * @return the new select
     * @throws IllegalArgumentException for an attribute the model does not have
     */
    public Select<T> orderByDesc(String... attributes) {
        Select<T> result = this;
        for (String attribute : attributes) {
            attribute(attribute);
            result = result.orderBy(Order.desc(entityType(), attribute));
        }
        return result;
    }

    /**
     * Loads an association in the same query (a left join fetch), so a page of posts with their
     * authors is one statement.
     *
     * @param association the association's attribute name
     * @return the new select
     * @throws IllegalArgumentException for an attribute the model does not have or that is not an association
     */
    public Select<T> fetch(String association) {
        Attribute<?, ?> described = attribute(association);
        if (!described.isAssociation() && !described.isCollection()) {
            throw new InvalidQueryException("'" + association + "' of " + entity.getName()
                    + " is not an association; fetch(...) takes a relationship such as a @ManyToOne.");
        }
        List<String> all = new ArrayList<>(fetches);
        all.add(association);
        return new Select<>(type, entity, hql, bind, restrictions, orders, List.copyOf(all), parameters, limit, offset);
    }

    /**
     * Returns at most this many rows.
     *
     * @param maxRows zero or more
     * @return the new select
     */
    public Select<T> limit(int maxRows) {
        if (maxRows < 0) throw new InvalidQueryException("limit must be 0 or more, got " + maxRows + ".");
        return new Select<>(type, entity, hql, bind, restrictions, orders, fetches, parameters, maxRows, offset);
    }

    /**
     * Skips this many rows.
     *
     * @param skipRows zero or more
     * @return the new select
     */
    public Select<T> offset(int skipRows) {
        if (skipRows < 0) throw new InvalidQueryException("offset must be 0 or more, got " + skipRows + ".");
        return new Select<>(type, entity, hql, bind, restrictions, orders, fetches, parameters, limit, skipRows);
    }

    /**
     * Binds a named parameter of an HQL select.
     *
     * @param name the parameter's name, without the colon
     * @param value its value
     * @return the new select
     */
    public Select<T> param(String name, Object value) {
        if (hql == null) {
            throw new IllegalStateException("param(...) binds HQL parameters; this select was built from a model."
                    + " Use filterBy(...) or where(...) instead.");
        }
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put(Objects.requireNonNull(name, "name"), value);
        return new Select<>(type, entity, hql, bind, restrictions, orders, fetches, Collections.unmodifiableMap(all),
                limit, offset);
    }

    /**
     * Runs this select on the given bind instead of the model's; HQL selects of plain values run
     * on the default bind unless told otherwise.
     *
     * @param bindKey a configured bind key
     * @return the new select
     */
    public Select<T> onBind(String bindKey) {
        return new Select<>(type, entity, hql, Objects.requireNonNull(bindKey, "bindKey"), restrictions, orders, fetches,
                parameters, limit, offset);
    }

    /**
     * Returns a copy without limit and offset (the orders are kept), for counting and for pagination.
     *
     * @return the new select
     */
    public Select<T> unpaged() {
        return new Select<>(type, entity, hql, bind, restrictions, orders, fetches, parameters, null, null);
    }

    /**
     * Returns a copy whose orders are replaced.
     *
     * @param newOrders the orders, most significant first
     * @return the new select
     */
    public Select<T> reordered(List<Order<? super T>> newOrders) {
        return new Select<>(type, entity, hql, bind, restrictions, List.copyOf(newOrders), fetches, parameters, limit,
                offset);
    }

    /**
     * Returns the type of each result row.
     *
     * @return the row type
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns the model's metamodel.
     *
     * @return the metamodel, or {@code null} for an HQL select of plain values
     */
    public EntityType<?> entity() {
        return entity;
    }

    /**
     * Returns the bind chosen with {@link #onBind(String)}.
     *
     * @return the bind key, or {@code null} for the model's own bind
     */
    public String bind() {
        return bind;
    }

    /**
     * Returns the orders, most significant first.
     *
     * @return an immutable list
     */
    public List<Order<? super T>> orders() {
        return orders;
    }

    /**
     * Returns the limit.
     *
     * @return the limit, or {@code null} when unlimited
     */
    public Integer limit() {
        return limit;
    }

    /**
     * Returns the offset.
     *
     * @return the offset, or {@code null} when none
     */
    public Integer offset() {
        return offset;
    }

    /**
     * Builds the Hibernate query this select stands for, without limit and offset applied
     * (callers apply their own paging). A select of a model built from {@code filterBy},
     * attribute orders and {@code fetch} runs as HQL text, whose translation Hibernate caches;
     * anything else runs as a Hibernate {@link SelectionSpecification}.
     *
     * @param session the Hibernate session of the select's bind
     * @return the query, ready to run
     */
    public SelectionQuery<T> createUnpagedQuery(org.hibernate.Session session) {
        SelectionQuery<T> query;
        SelectHql text = asHql();
        if (text != null) {
            query = text.bind(session.createSelectionQuery(text.items(), type));
        } else if (hql != null && restrictions.isEmpty() && orders.isEmpty() && fetches.isEmpty()) {
            query = session.createSelectionQuery(hql, type);
        } else {
            SelectionSpecification<T> specification = hql == null
                    ? SelectionSpecification.create(type) : SelectionSpecification.create(type, hql);
            for (Restriction<? super T> restriction : restrictions) specification = specification.restrict(restriction);
            for (Order<? super T> order : orders) specification = specification.sort(order);
            for (String association : fetches) {
                specification = specification.augment((builder, criteria, root) -> root.fetch(association, JoinType.LEFT));
            }
            query = specification.createQuery(session);
        }
        parameters.forEach(query::setParameter);
        return query;
    }

    /**
     * Counts the rows of this select, ignoring its limit, offset, orders and fetches: one
     * {@code select count(*)} statement.
     *
     * @param session the Hibernate session of the select's bind
     * @return the number of rows
     */
    public long count(org.hibernate.Session session) {
        SelectHql text = asHql();
        if (text == null) return unpaged().reordered(List.of()).createUnpagedQuery(session).getResultCount();
        return text.bind(session.createSelectionQuery(text.count(), Long.class)).getSingleResult();
    }

    private SelectHql asHql() {
        return hql == null ? SelectHql.of(entity.getName(), restrictions, orders, fetches) : null;
    }

    /**
     * Builds the Hibernate query this select stands for, with its limit and offset.
     *
     * @param session the Hibernate session of the select's bind
     * @return the query, ready to run
     */
    public SelectionQuery<T> createQuery(org.hibernate.Session session) {
        SelectionQuery<T> query = createUnpagedQuery(session);
        if (offset != null) query.setFirstResult(offset);
        if (limit != null) query.setMaxResults(limit);
        return query;
    }

    private Attribute<?, ?> attribute(String name) {
        if (entity == null) {
            throw new IllegalStateException("This select returns " + type.getSimpleName()
                    + ", not a model; filter and order in the HQL instead.");
        }
        try {
            return entity.getAttribute(name);
        } catch (IllegalArgumentException e) {
            TreeSet<String> names = new TreeSet<>();
            entity.getAttributes().forEach(a -> names.add(a.getName()));
            throw new InvalidQueryException("'" + name + "' is not an attribute of " + entity.getName()
                    + ". Its attributes are: " + String.join(", ", names) + ".");
        }
    }

    @SuppressWarnings("unchecked")
    private Class<T> entityType() {
        return (Class<T>) entity.getJavaType();
    }

    /** Describes the select: its model or HQL, restrictions count, orders, fetches and paging. */
    @Override
    public String toString() {
        return "Select{" + (hql != null ? "hql='" + hql + "'" : entity.getName())
                + (restrictions.isEmpty() ? "" : ", restrictions=" + restrictions.size())
                + (orders.isEmpty() ? "" : ", orders=" + orders.size())
                + (fetches.isEmpty() ? "" : ", fetch=" + fetches)
                + (limit == null ? "" : ", limit=" + limit) + (offset == null ? "" : ", offset=" + offset) + "}";
    }
}
