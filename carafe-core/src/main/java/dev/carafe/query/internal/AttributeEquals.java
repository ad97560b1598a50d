package dev.carafe.query.internal;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.hibernate.query.restriction.Restriction;

/**
 * {@code attribute = value} (or {@code is null}) as a Hibernate {@link Restriction}. Unlike
 * Hibernate's range restrictions it accepts primitive attributes ({@code int score}); the value is
 * bound as a parameter.
 */
public final class AttributeEquals<T> implements Restriction<T> {
    private final String attribute;
    private final Object value;
    private final boolean negated;

    public AttributeEquals(String attribute, Object value) {
        this(attribute, value, false);
    }

    private AttributeEquals(String attribute, Object value, boolean negated) {
        this.attribute = attribute;
        this.value = value;
        this.negated = negated;
    }

    /** The attribute's name in the model. */
    public String attribute() {
        return attribute;
    }

    /** The value compared with, or {@code null} for an is-null test. */
    public Object value() {
        return value;
    }

    /** Whether the comparison is negated ({@code !=}, {@code is not null}). */
    public boolean isNegated() {
        return negated;
    }

    @Override
    public Restriction<T> negated() {
        return new AttributeEquals<>(attribute, value, !negated);
    }

    @Override
    public Predicate toPredicate(Root<? extends T> root, CriteriaBuilder builder) {
        var path = root.get(attribute);
        if (value == null) return negated ? builder.isNotNull(path) : builder.isNull(path);
        // The Object overloads bind the value as a parameter (Hibernate's default value handling);
        // builder.literal(...) would inline it into the SQL.
        return negated ? builder.notEqual(path, value) : builder.equal(path, value);
    }

    @Override
    public String toString() {
        return attribute + (negated ? " != " : " = ") + "?";
    }
}
