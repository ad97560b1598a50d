package dev.carafe.model;

import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An optional base class for models that gives them Flask-SQLAlchemy's {@code repr}:
 * {@code <User 1>} once the row has a primary key, {@code <User (transient 12345)>} before, and
 * {@code <Key 1, x>} for a composite key. Models need not extend it: any
 * {@code @jakarta.persistence.Entity} works with Carafe.
 *
 * <pre>{@code
 * @Entity
 * public class Todo extends Model {
 *     @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
 *     String title;
 * }
 * }</pre>
 */
@MappedSuperclass
public abstract class Model {
    private static final ClassValue<List<AccessibleObject>> ID_MEMBERS = new ClassValue<>() {
        @Override
        protected List<AccessibleObject> computeValue(Class<?> type) {
            List<AccessibleObject> members = new ArrayList<>();
            for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
                for (Field field : current.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(EmbeddedId.class)) {
                        members.add(field);
                    }
                }
                for (Method method : current.getDeclaredMethods()) {
                    if (method.getParameterCount() == 0
                            && (method.isAnnotationPresent(Id.class) || method.isAnnotationPresent(EmbeddedId.class))) {
                        members.add(method);
                    }
                }
            }
            return members;
        }
    };

    /** Creates a model; subclasses need a no-argument constructor, as Jakarta Persistence requires. */
    protected Model() {}

    /**
     * Describes the model as {@code <ClassName id>}, or {@code <ClassName (transient hash)>} when it
     * has no primary key yet.
     */
    @Override
    public String toString() {
        String name = modelClass().getSimpleName();
        StringJoiner ids = new StringJoiner(", ");
        boolean missing = false;
        for (AccessibleObject member : ID_MEMBERS.get(modelClass())) {
            Object value = read(member);
            if (value == null) missing = true;
            ids.add(String.valueOf(value));
        }
        if (missing || ids.length() == 0) {
            return "<" + name + " (transient " + System.identityHashCode(this) + ")>";
        }
        return "<" + name + " " + ids + ">";
    }

    private Class<?> modelClass() {
        Class<?> type = getClass();
        // Hibernate's lazy proxies are generated subclasses; describe the model, not the proxy.
        while (type.getSuperclass() != null && type.getName().contains("$HibernateProxy")) type = type.getSuperclass();
        return type;
    }

    private Object read(AccessibleObject member) {
        try {
            member.setAccessible(true);
            return member instanceof Field field ? field.get(this) : ((Method) member).invoke(this);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }
}
