package dev.carafe.model.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import jakarta.persistence.Transient;
import org.hibernate.FetchMode;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.ToOne;
import org.hibernate.mapping.Value;

/**
 * Loads a to-one association with its owner when the model it points to keeps its state in public
 * fields. A lazy association holds a reference whose fields stay empty until a method of the model
 * runs: {@code post.author.name} read from a handler, a test, Jackson or any reflection would be
 * {@code null}, silently. Loaded with its owner, the association holds the real row; Hibernate
 * fetches those rows together (see the batch size Carafe sets), so a page of posts costs one more
 * statement for its authors, not one per post. Models with private fields and accessors keep their
 * lazy associations, whose references load when an accessor is called.
 */
public final class PublicFieldReferences {
    private PublicFieldReferences() {}

    /**
     * Turns the lazy to-one associations that point at public-field models into eager ones.
     *
     * @param mapping a bind's boot-time mapping, before its session factory is built
     * @return the associations changed, as {@code Owner.attribute}
     */
    public static List<String> loadWithOwners(Metadata mapping) {
        List<String> changed = new ArrayList<>();
        for (PersistentClass entity : mapping.getEntityBindings()) {
            for (Property property : entity.getProperties()) {
                adjust(mapping, entity.getEntityName(), property, changed);
            }
        }
        return changed;
    }

    private static void adjust(Metadata mapping, String owner, Property property, List<String> changed) {
        Value value = property.getValue();
        if (value instanceof Component component) {
            for (Property nested : component.getProperties()) adjust(mapping, owner, nested, changed);
        } else if (value instanceof ToOne toOne && toOne.isLazy()) {
            PersistentClass target = mapping.getEntityBinding(toOne.getReferencedEntityName());
            if (target != null && keepsStateInPublicFields(target)) {
                toOne.setLazy(false);
                toOne.setFetchMode(FetchMode.JOIN);
                changed.add(simpleName(owner) + "." + property.getName());
            }
        }
    }

    private static boolean keepsStateInPublicFields(PersistentClass target) {
        if (hasPublicFields(target.getMappedClass())) return true;
        for (PersistentClass subclass : target.getSubclassClosure()) {
            if (hasPublicFields(subclass.getMappedClass())) return true;
        }
        return false;
    }

    private static boolean hasPublicFields(Class<?> type) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)
                        && !field.isAnnotationPresent(Transient.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String simpleName(String entityName) {
        return entityName.substring(entityName.lastIndexOf('.') + 1).replace('$', '.');
    }
}
