package dev.carafe.model.internal;

import dev.carafe.config.ConfigException;
import jakarta.persistence.Entity;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names nested entity classes after their simple name, as Flask-SQLAlchemy names a model after its
 * class: Jakarta Persistence would call {@code Outer.Note} {@code Outer$Note}, so its table would
 * be {@code outer$_note} and HQL could not say {@code from Note}. The name is given to Hibernate as
 * a mapping-file override, which keeps every annotation of the class.
 */
public final class EntityNames {
    private EntityNames() {}

    /**
     * Returns the nested models without an explicit {@code @Entity(name)}, each with its simple name.
     *
     * @param models every model of one Carafe instance
     * @return the renamed models and their names, in registration order
     * @throws ConfigException when two models would have the same entity name, naming both
     */
    public static Map<Class<?>, String> nestedModels(Collection<Class<?>> models) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        Map<Class<?>, String> renamed = new LinkedHashMap<>();
        for (Class<?> model : models) {
            String explicit = model.getAnnotation(Entity.class).name();
            String name = explicit.isEmpty() ? model.getSimpleName() : explicit;
            Class<?> other = byName.putIfAbsent(name, model);
            if (other != null) {
                throw new ConfigException("Models '" + other.getName() + "' and '" + model.getName() + "' would both"
                        + " be called '" + name + "' in queries and name the same table. Give one of them its own"
                        + " name with @Entity(name = \"...\").");
            }
            if (explicit.isEmpty() && model.getEnclosingClass() != null) renamed.put(model, name);
        }
        return renamed;
    }

    /**
     * Writes a Jakarta Persistence mapping file that gives each model its name and changes nothing else.
     *
     * @param names models and their entity names
     * @return the mapping file, for {@code MetadataSources.addInputStream}
     */
    public static InputStream mappingFile(Map<Class<?>, String> names) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<entity-mappings xmlns=\"https://jakarta.ee/xml/ns/persistence/orm\" version=\"3.2\">\n");
        names.forEach((model, name) -> xml.append("  <entity class=\"").append(model.getName()).append("\" name=\"")
                .append(name).append("\" metadata-complete=\"false\"/>\n"));
        xml.append("</entity-mappings>\n");
        return new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8));
    }
}
