package dev.carafe.model.internal;

import dev.carafe.bind.Binds;
import dev.carafe.config.ConfigException;
import dev.carafe.model.BindKey;
import dev.carafe.model.Model;
import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models of one Carafe instance and the bind each belongs to. A model's bind is its
 * {@code @BindKey} (inherited, and overridable on subclasses), or the default bind; a whole
 * entity hierarchy lives on one bind, because Hibernate maps it with one session factory.
 */
public final class ModelRegistry {
    private final Map<Class<?>, String> bindOf;
    private final Map<String, List<Class<?>>> modelsByBind;
    private final ClassValue<String> lookup = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            for (Class<?> current = type; current != null; current = current.getSuperclass()) {
                String bind = bindOf.get(current);
                if (bind != null) return bind;
            }
            return null;
        }
    };

    private ModelRegistry(Map<Class<?>, String> bindOf) {
        this.bindOf = bindOf;
        Map<String, List<Class<?>>> byBind = new LinkedHashMap<>();
        bindOf.forEach((type, bind) -> byBind.computeIfAbsent(bind, b -> new ArrayList<>()).add(type));
        byBind.replaceAll((bind, types) -> List.copyOf(types));
        this.modelsByBind = byBind;
    }

    /**
     * Registers the models and checks every bind key against the configured binds.
     *
     * @throws ConfigException for a class that is not an entity, a key that is not configured,
     *     or a hierarchy split over two binds
     */
    public static ModelRegistry of(Collection<Class<?>> models, Set<String> configuredBinds) {
        Set<Class<?>> unique = new LinkedHashSet<>(models);
        Map<Class<?>, String> bindOf = new LinkedHashMap<>();
        for (Class<?> model : unique) {
            if (!model.isAnnotationPresent(Entity.class)) {
                throw new ConfigException("Class '" + model.getName() + "' is not an entity: annotate it with"
                        + " @jakarta.persistence.Entity, or do not register it as a model.");
            }
            String bind = declaredBind(model);
            Class<?> root = entityRoot(model);
            if (root != model) {
                String rootBind = declaredBind(root);
                if (!rootBind.equals(bind)) {
                    throw new ConfigException("Model '" + model.getName() + "' uses bind '" + bind + "', but its"
                            + " parent entity '" + root.getName() + "' uses bind '" + rootBind + "'. An entity"
                            + " hierarchy lives on one bind: remove the @BindKey from the subclass.");
                }
                if (!unique.contains(root)) {
                    throw new ConfigException("Model '" + model.getName() + "' extends the entity '"
                            + root.getName() + "', which is not registered. Register it too.");
                }
            }
            if (!configuredBinds.contains(bind)) {
                throw new ConfigException(unconfiguredMessage(model, bind, configuredBinds));
            }
            bindOf.put(model, bind);
        }
        return new ModelRegistry(bindOf);
    }

    private static String unconfiguredMessage(Class<?> model, String bind, Set<String> configured) {
        if (bind.equals(Binds.DEFAULT)) {
            return "Model '" + model.getName() + "' lives on the default bind, but 'database-url' is not set."
                    + " Set database-url, or put the model on a configured bind with @BindKey (configured: "
                    + configured + ").";
        }
        return "Model '" + model.getName() + "' uses @BindKey(\"" + bind + "\"), but bind '" + bind
                + "' is not configured. Configured binds: " + configured + ". Add binds." + bind
                + ".url=... (or Carafe.builder().bind(\"" + bind + "\", url)), or fix the key.";
    }

    private static String declaredBind(Class<?> model) {
        BindKey key = model.getAnnotation(BindKey.class);
        return key == null ? Binds.DEFAULT : key.value();
    }

    private static Class<?> entityRoot(Class<?> model) {
        Class<?> root = model;
        for (Class<?> current = model.getSuperclass(); current != null; current = current.getSuperclass()) {
            if (current.isAnnotationPresent(Entity.class)) root = current;
        }
        return root;
    }

    /** Returns the bind of a model class, a subclass of one (such as a Hibernate proxy), or {@code null}. */
    public String bindOf(Class<?> type) {
        return lookup.get(type);
    }

    /** Returns the models of each bind that has any, in registration order. */
    public Map<String, List<Class<?>>> modelsByBind() {
        return modelsByBind;
    }

    /** Returns every registered model. */
    public Set<Class<?>> models() {
        return bindOf.keySet();
    }
}
