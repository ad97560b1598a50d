package dev.carafe.model.internal;

import dev.carafe.config.ConfigException;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.TableGenerator;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.Set;
import org.hibernate.annotations.IdGeneratorType;
import org.hibernate.boot.ResourceStreamLocator;
import org.hibernate.boot.spi.AdditionalMappingContributions;
import org.hibernate.boot.spi.AdditionalMappingContributor;
import org.hibernate.boot.spi.InFlightMetadataCollector;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.id.IdentityGenerator;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.RootClass;

/**
 * Makes a plain {@code @GeneratedValue} on an integer id mean the database's own autoincrement (an
 * identity column), as SQLAlchemy's integer primary keys do, instead of Hibernate's sequence (a table
 * on SQLite) that allocates ids on a second connection: with one connection in the pool, as SQLite's,
 * that allocation waited for the pool and failed. On SQLite, which has no sequences and one writer,
 * {@code GenerationType.SEQUENCE} becomes an identity too, and {@code GenerationType.TABLE} is refused.
 *
 * <p>Hibernate finds this contributor through {@code META-INF/services} and calls it after binding every
 * entity and before creating the id generators; it acts only on the session factories Carafe builds,
 * which carry the setting {@link #SETTING}.
 */
public final class AutoIdentityIds implements AdditionalMappingContributor {
    /** The setting that turns the contributor on for one Carafe bind. */
    public static final String SETTING = "carafe.auto_ids_as_identity";

    private static final Set<Class<?>> INTEGER_TYPES = Set.of(Long.class, long.class, Integer.class, int.class,
            Short.class, short.class, BigInteger.class);

    @Override
    public String getContributorName() {
        return "carafe-auto-identity-ids";
    }

    @Override
    public void contribute(AdditionalMappingContributions contributions, InFlightMetadataCollector metadata,
            ResourceStreamLocator resources, MetadataBuildingContext context) {
        Object setting = context.getBootstrapContext().getConfigurationService().getSettings().get(SETTING);
        if (!Boolean.TRUE.equals(setting) && !"true".equals(setting)) return;
        boolean sqlite = metadata.getDatabase().getDialect() instanceof SQLiteDialect;
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (!(entity instanceof RootClass root) || root.getIdentifierProperty() == null) continue;
            if (!(root.getIdentifier() instanceof BasicValue id) || id.getColumnSpan() != 1) continue;
            AnnotatedElement member = member(root.getMappedClass(), root.getIdentifierProperty().getName());
            GeneratedValue generated = member == null ? null : member.getAnnotation(GeneratedValue.class);
            if (generated == null || !INTEGER_TYPES.contains(root.getIdentifierProperty().getType().getReturnedClass())) {
                continue;
            }
            GenerationType strategy = generated.strategy();
            if (sqlite && strategy == GenerationType.TABLE) {
                throw new ConfigException("Model '" + root.getMappedClass().getName() + "' takes its ids from a table"
                        + " (GenerationType.TABLE), which SQLite cannot serve: the allocation needs a second transaction"
                        + " while the first one holds SQLite's only write lock. Use @GeneratedValue (an autoincrement"
                        + " column on SQLite) or GenerationType.UUID.");
            }
            boolean open = strategy == GenerationType.AUTO && generated.generator().isBlank()
                    && !hasGenerator(member, root.getMappedClass());
            if (open || (sqlite && strategy == GenerationType.SEQUENCE)) {
                // What Hibernate itself does for GenerationType.IDENTITY.
                id.setCustomIdGeneratorCreator(creation -> new IdentityGenerator());
                id.setColumnToIdentity();
            }
        }
    }

    private static boolean hasGenerator(AnnotatedElement member, Class<?> model) {
        for (AnnotatedElement place : new AnnotatedElement[] {member, model, model.getPackage()}) {
            if (place == null) continue;
            if (place.isAnnotationPresent(SequenceGenerator.class) || place.isAnnotationPresent(TableGenerator.class)) {
                return true;
            }
            for (Annotation annotation : place.getAnnotations()) {
                if (annotation.annotationType().isAnnotationPresent(IdGeneratorType.class)) return true;
            }
        }
        return false;
    }

    /** The field or getter that holds the id, looked up the class hierarchy. */
    private static AnnotatedElement member(Class<?> type, String property) {
        String getter = "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                if (field.getName().equals(property) && field.isAnnotationPresent(GeneratedValue.class)) return field;
            }
            for (Method method : current.getDeclaredMethods()) {
                if (method.getName().equals(getter) && method.isAnnotationPresent(GeneratedValue.class)) return method;
            }
        }
        return null;
    }
}
