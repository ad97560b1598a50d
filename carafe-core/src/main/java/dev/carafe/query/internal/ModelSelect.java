package dev.carafe.query.internal;

import dev.carafe.query.InvalidQueryException;
import dev.carafe.query.Select;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.IdentifiableType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.hibernate.query.Order;
import org.hibernate.query.restriction.Restriction;

/**
 * Carafe's {@link Select}: a model (its metamodel) or HQL text, with restrictions, orders,
 * fetches, parameters and paging. {@link SelectQueries} turns it into Hibernate queries.
 *
 * @param type the type of each row
 * @param entity the model's metamodel, or {@code null} for an HQL select of plain values
 * @param hql the HQL text, or {@code null} for a select of a model
 * @param bindKey the bind chosen with {@code onBind}, or {@code null} for the model's
 * @param restrictions the restrictions, in order
 * @param orders the orders, most significant first
 * @param fetches the associations fetched
 * @param parameters the HQL parameters
 * @param limit the limit, or {@code null}
 * @param offset the offset, or {@code null}
 * @param <T> the row type
 */
public record ModelSelect<T>(Class<T> type, EntityType<?> entity, String hql, String bindKey,
        List<Restriction<? super T>> restrictions, List<Order<? super T>> orders, List<String> fetches,
        Map<String, Object> parameters, Integer limit, Integer offset) implements Select<T> {

    /**
     * Starts a select of every row of a model.
     *
     * @param entity the model's metamodel
     * @param <T> the model type
     * @return the select
     */
    public static <T> ModelSelect<T> of(EntityType<T> entity) {
        return new ModelSelect<>(entity.getJavaType(), entity, null, null, List.of(), List.of(), List.of(), Map.of(),
                null, null);
    }

    /**
     * Starts a select from HQL.
     *
     * @param hql the query, with named parameters such as {@code :name}
     * @param type the type of each row
     * @param entity the metamodel when {@code type} is a model, else {@code null}
     * @param <T> the row type
     * @return the select
     */
    public static <T> ModelSelect<T> ofHql(String hql, Class<T> type, EntityType<?> entity) {
        return new ModelSelect<>(type, entity, Objects.requireNonNull(hql, "hql"), null, List.of(), List.of(),
                List.of(), Map.of(), null, null);
    }

    /**
     * Returns Carafe's form of a select an application passed in.
     *
     * @param select a select made by {@code db.select(...)}
     * @param <T> the row type
     * @return the same select
     * @throws IllegalArgumentException for a select Carafe did not make
     */
    public static <T> ModelSelect<T> of(Select<T> select) {
        if (select instanceof ModelSelect<T> model) return model;
        throw new IllegalArgumentException("Selects come from db.select(...); got " + select.getClass().getName() + ".");
    }

    @Override
    public ModelSelect<T> where(Restriction<? super T> restriction) {
        List<Restriction<? super T>> all = new ArrayList<>(restrictions);
        all.add(Objects.requireNonNull(restriction, "restriction"));
        return new ModelSelect<>(type, entity, hql, bindKey, List.copyOf(all), orders, fetches, parameters, limit,
                offset);
    }

    @Override
    public ModelSelect<T> filterBy(String attribute, Object value) {
        Attribute<?, ?> described = attribute(attribute);
        if (described.isCollection()) {
            throw invalid("'" + attribute + "' of " + entity.getName() + " is a collection; filterBy compares one value."
                    + " Filter on the other side of the relationship, or write the HQL.",
                    "'" + attribute + "' cannot be used to filter.");
        }
        if (value == null) return where(new AttributeEquals<T>(attribute, null));
        if (described instanceof SingularAttribute<?, ?> singular && singular.isAssociation()) {
            return filterByAssociation(attribute, singular, value);
        }
        Object converted = ValueConverter.convert(described.getJavaType(), value);
        if (converted == null) throw badValue(attribute, value, described.getJavaType());
        return where(new AttributeEquals<T>(attribute, converted));
    }

    /** An association takes a model, or its id (as a request gives it: text), compared through the foreign key. */
    private ModelSelect<T> filterByAssociation(String attribute, SingularAttribute<?, ?> association, Object value) {
        Class<?> target = association.getJavaType();
        if (target.isInstance(value)) return where(new AttributeEquals<T>(attribute, value));
        if (!(association.getType() instanceof IdentifiableType<?> identifiable) || !identifiable.hasSingleIdAttribute()) {
            throw invalid("'" + attribute + "' of " + entity.getName() + " refers to " + target.getSimpleName()
                    + ", whose id has several parts: pass the " + target.getSimpleName() + " itself to filterBy.",
                    "'" + attribute + "' cannot be used to filter.");
        }
        SingularAttribute<?, ?> id = identifiable.getId(identifiable.getIdType().getJavaType());
        Object converted = ValueConverter.convert(id.getJavaType(), value);
        if (converted == null) throw badValue(attribute, value, id.getJavaType());
        return where(new AttributeEquals<T>(attribute + "." + id.getName(), converted));
    }

    private InvalidQueryException badValue(String attribute, Object value, Class<?> type) {
        String expected = ValueConverter.describe(type);
        return invalid("'" + value + "' is not a valid value for " + entity.getName() + "." + attribute + ", which takes "
                + expected + ".", "'" + value + "' is not a valid value for '" + attribute + "': it must be " + expected + ".");
    }

    private static InvalidQueryException invalid(String message, String description) {
        return new InvalidQueryException(message, description);
    }

    @Override
    public ModelSelect<T> orderBy(Order<? super T> order) {
        List<Order<? super T>> all = new ArrayList<>(orders);
        all.add(Objects.requireNonNull(order, "order"));
        return reordered(all);
    }

    @Override
    public ModelSelect<T> orderBy(String... attributes) {
        ModelSelect<T> result = this;
        for (String attribute : attributes) result = result.orderBy(Order.asc(entityType(), sortable(attribute)));
        return result;
    }

    @Override
    public ModelSelect<T> orderByDesc(String... attributes) {
        ModelSelect<T> result = this;
        for (String attribute : attributes) result = result.orderBy(Order.desc(entityType(), sortable(attribute)));
        return result;
    }

    @Override
    public ModelSelect<T> fetch(String association) {
        Attribute<?, ?> described = attribute(association);
        if (!described.isAssociation() && !described.isCollection()) {
            throw invalid("'" + association + "' of " + entity.getName()
                    + " is not an association; fetch(...) takes a relationship such as a @ManyToOne.",
                    "'" + association + "' cannot be fetched.");
        }
        List<String> all = new ArrayList<>(fetches);
        all.add(association);
        return new ModelSelect<>(type, entity, hql, bindKey, restrictions, orders, List.copyOf(all), parameters, limit,
                offset);
    }

    @Override
    public ModelSelect<T> limit(int maxRows) {
        if (maxRows < 0) {
            throw invalid("limit must be 0 or more, got " + maxRows + ".", "The limit must be 0 or more.");
        }
        return new ModelSelect<>(type, entity, hql, bindKey, restrictions, orders, fetches, parameters, maxRows, offset);
    }

    @Override
    public ModelSelect<T> offset(int skipRows) {
        if (skipRows < 0) {
            throw invalid("offset must be 0 or more, got " + skipRows + ".", "The offset must be 0 or more.");
        }
        return new ModelSelect<>(type, entity, hql, bindKey, restrictions, orders, fetches, parameters, limit, skipRows);
    }

    @Override
    public ModelSelect<T> param(String name, Object value) {
        if (hql == null) {
            throw new IllegalStateException("param(...) binds HQL parameters; this select was built from a model."
                    + " Use filterBy(...) or where(...) instead.");
        }
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put(Objects.requireNonNull(name, "name"), value);
        return new ModelSelect<>(type, entity, hql, bindKey, restrictions, orders, fetches,
                Collections.unmodifiableMap(all), limit, offset);
    }

    @Override
    public ModelSelect<T> onBind(String key) {
        return new ModelSelect<>(type, entity, hql, Objects.requireNonNull(key, "bindKey"), restrictions, orders,
                fetches, parameters, limit, offset);
    }

    /**
     * Returns a copy without limit and offset (the orders are kept), for counting and for pagination.
     *
     * @return the new select
     */
    public ModelSelect<T> unpaged() {
        return new ModelSelect<>(type, entity, hql, bindKey, restrictions, orders, fetches, parameters, null, null);
    }

    /**
     * Returns a copy whose orders are replaced.
     *
     * @param newOrders the orders, most significant first
     * @return the new select
     */
    public ModelSelect<T> reordered(List<Order<? super T>> newOrders) {
        return new ModelSelect<>(type, entity, hql, bindKey, restrictions, List.copyOf(newOrders), fetches, parameters,
                limit, offset);
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
            throw invalid("'" + name + "' is not an attribute of " + entity.getName() + ". Its attributes are: "
                    + String.join(", ", names) + ".", "'" + name + "' cannot be used to filter or sort.");
        }
    }

    /** An attribute to order by: one value per row, so not a collection. */
    private String sortable(String name) {
        if (attribute(name).isCollection()) {
            throw invalid("'" + name + "' of " + entity.getName() + " is a collection, which has no single value to"
                    + " order by.", "'" + name + "' cannot be used to sort.");
        }
        return name;
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
