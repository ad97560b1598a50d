package dev.carafe.pagination.internal;

import dev.carafe.query.internal.ModelSelect;
import jakarta.persistence.Entity;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.Attribute;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Hibernate;
import org.hibernate.query.Order;

/**
 * Describes the query a keyset cursor belongs to: its model and bind, its HQL text and parameters,
 * every restriction with the values it compares, and its order. A cursor is signed over this
 * description, so a query that returns other rows, or the same rows in another order, refuses it.
 * Fetched associations are left out: they change how rows are loaded, not which.
 *
 * <p>Restrictions are described by what they hold: Hibernate's restrictions and ranges are records,
 * Carafe's and an application's own are read field by field, a model by its entity name and id, and
 * plain values by type and text (length-prefixed, so no value can pass for structure).
 */
final class QueryFingerprint {
    /** How deep into an application's own objects the description goes; below, only the type is named. */
    private static final int MAX_DEPTH = 6;

    private final PersistenceUnitUtil ids;
    private final StringBuilder text = new StringBuilder();
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private QueryFingerprint(PersistenceUnitUtil ids) {
        this.ids = ids;
    }

    /**
     * Describes a select of a model with its total order.
     *
     * @param select the select
     * @param orders its orders, made total
     * @param ids reads the id of a model a restriction compares with
     * @return the description
     */
    static String of(ModelSelect<?> select, List<? extends Order<?>> orders, PersistenceUnitUtil ids) {
        QueryFingerprint fingerprint = new QueryFingerprint(ids);
        StringBuilder text = fingerprint.text;
        text.append("model ").append(select.entity().getName()).append("\nbind ").append(select.bindKey());
        if (select.hql() != null) {
            text.append("\nhql ");
            fingerprint.value(select.hql(), 0);
            text.append("\nparameters ");
            fingerprint.value(new TreeMap<>(select.parameters()), 0);
        }
        for (Object restriction : select.restrictions()) {
            text.append("\nwhere ");
            fingerprint.value(restriction, 0);
        }
        for (Order<?> order : orders) {
            text.append("\norder ").append(order.attributeName()).append(' ').append(order.element()).append(' ')
                    .append(order.direction()).append(' ').append(order.nullPrecedence()).append(' ')
                    .append(order.caseSensitive());
        }
        return text.toString();
    }

    private void value(Object value, int depth) {
        if (value == null) {
            text.append("null");
        } else if (isPlain(value)) {
            String written = value.toString();
            text.append(value.getClass().getName()).append('(').append(written.length()).append(')').append(written);
        } else if (value instanceof Enum<?> constant) {
            text.append(constant.getDeclaringClass().getName()).append('.').append(constant.name());
        } else if (value instanceof Class<?> type) {
            text.append("class ").append(type.getName());
        } else if (value instanceof Attribute<?, ?> attribute) {
            text.append("attribute ").append(attribute.getDeclaringType().getJavaType().getName()).append('.')
                    .append(attribute.getName());
        } else if (Hibernate.getClass(value).isAnnotationPresent(Entity.class)) {
            text.append("model ").append(Hibernate.getClass(value).getName()).append('#');
            value(ids.getIdentifier(value), depth + 1);
        } else if (depth >= MAX_DEPTH || !open.add(value)) {
            text.append(value.getClass().getName()).append("{...}");
        } else {
            try {
                composite(value, depth);
            } finally {
                open.remove(value);
            }
        }
    }

    private static boolean isPlain(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof UUID || value instanceof TemporalAccessor
                || value instanceof java.util.Date;
    }

    private void composite(Object value, int depth) {
        if (value instanceof Collection<?> items) {
            text.append('[');
            for (Object item : items) {
                value(item, depth + 1);
                text.append(',');
            }
            text.append(']');
        } else if (value instanceof Map<?, ?> entries) {
            text.append('{');
            entries.forEach((key, entry) -> {
                value(key, depth + 1);
                text.append('=');
                value(entry, depth + 1);
                text.append(',');
            });
            text.append('}');
        } else if (value instanceof Object[] array) {
            composite(List.of(array), depth);
        } else if (value.getClass().isRecord()) {
            text.append(value.getClass().getName()).append('(');
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                field(component.getName(), read(component, value), depth);
            }
            text.append(')');
        } else {
            text.append(value.getClass().getName()).append('{');
            for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) field(field.getName(), read(field, value), depth);
                }
            }
            text.append('}');
        }
    }

    private void field(String name, Object fieldValue, int depth) {
        text.append(name).append('=');
        value(fieldValue, depth + 1);
        text.append(';');
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return unreadable(record);
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return unreadable(owner);
        }
    }

    /** A part Java's module rules keep closed: its type and text, the most that can be read. */
    private static String unreadable(Object owner) {
        return owner.getClass().getName() + " " + owner;
    }
}
