package dev.carafe.bind.internal;

import dev.carafe.config.ConfigException;
import dev.carafe.model.internal.AutoIdentityIds;
import dev.carafe.model.internal.CarafeNamingStrategy;
import dev.carafe.model.internal.CarafePhysicalNamingStrategy;
import dev.carafe.model.internal.EntityNames;
import dev.carafe.model.internal.PublicFieldReferences;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bind's Hibernate side: the boot-time mapping model that schema management and metadata
 * read, built when Carafe is built (so a mapping error fails {@code build()}), and the session
 * factory, which Hibernate builds from it on a thread of its own while the application goes on
 * starting (its web server, say): it is the larger half of Hibernate's start-up. The first use
 * of the session factory waits for it.
 */
public final class BindHibernate {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.start");
    private static final Logger MODELS = LoggerFactory.getLogger("carafe.model");

    private final String key;
    private final Metadata mapping;
    private final CompletableFuture<SessionFactory> sessionFactory;

    private BindHibernate(String key, Metadata mapping, CompletableFuture<SessionFactory> sessionFactory) {
        this.key = key;
        this.mapping = mapping;
        this.sessionFactory = sessionFactory;
    }

    /** The bind key. */
    public String key() {
        return key;
    }

    /** The mapping model the session factory is built from, once Hibernate has finished with it. */
    public Metadata mapping() {
        // Building the session factory still adjusts the mapping (column order, for one).
        sessionFactory();
        return mapping;
    }

    /**
     * Returns the bind's session factory, waiting for Hibernate to finish building it.
     *
     * @throws ConfigException when Hibernate could not build it
     */
    public SessionFactory sessionFactory() {
        try {
            return sessionFactory.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("Bind '" + key + "': Hibernate could not start: " + cause.getMessage()
                    + " Check the mapping of this bind's models and the settings given to hibernateSetting(...).", cause);
        }
    }

    /**
     * Maps the bind's models and starts building its session factory, without connecting to the
     * database: the dialect comes from the URL, so the first connection is made when the bind is
     * first used.
     */
    public static BindHibernate start(String key, DatabaseUrl url, BindConnectionProvider connections,
            List<Class<?>> models, Map<String, Object> extraSettings) {
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.CONNECTION_PROVIDER, connections)
                .applySetting(AvailableSettings.KEYWORD_AUTO_QUOTING_ENABLED, true)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 32)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true)
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, false)
                // A context whose only write is one insert flushes it in autocommit (session's LoneInsert).
                .applySetting(AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, true)
                .applySetting(AvailableSettings.SESSION_FACTORY_NAME_IS_JNDI, false)
                .applySetting(AvailableSettings.SESSION_FACTORY_NAME, "carafe-" + key)
                .applySetting(AutoIdentityIds.SETTING, true)
                // Lazy associations and the to-ones of public-field models load 16 rows per statement.
                .applySetting(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, 16);
        if (url.kind().productName() != null) {
            settings.applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, url.kind().productName());
            String[] version = url.kind().minimumVersion().split("\\.");
            settings.applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_VERSION, url.kind().minimumVersion());
            settings.applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, version[0]);
            settings.applySetting(AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, version[1]);
            settings.applySetting(AvailableSettings.ALLOW_METADATA_ON_BOOT, false);
            // Without boot-time metadata Hibernate does not know the current catalog and schema, and
            // its schema tools read this (older) setting to decide whether to ask the connection
            // instead. Left at true, createAll() looks for tables in every schema and takes, say,
            // MariaDB's mysql.user for the model User's table, and never creates it.
            settings.applySetting("hibernate.temp.use_jdbc_metadata_defaults", false);
        }
        if (url.kind() == DatabaseKind.SQLITE) {
            settings.applySetting(AvailableSettings.DIALECT, SqliteDialect.class.getName());
        }
        driverDefaults(url.kind()).forEach(settings::applySetting);
        // Nested model classes are named by a mapping file; without any, Hibernate's XML reader stays unloaded.
        Map<Class<?>, String> nested = EntityNames.nestedModels(models);
        if (nested.isEmpty()) settings.applySetting(AvailableSettings.XML_MAPPING_ENABLED, false);
        extraSettings.forEach(settings::applySetting);
        // Proxy classes are generated at their first use, not while the session factory is built.
        settings.addService(BytecodeProvider.class, new DeferredProxies());
        StandardServiceRegistry registry = settings.build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            models.forEach(sources::addAnnotatedClass);
            if (!nested.isEmpty()) sources.addInputStream(EntityNames.mappingFile(nested));
            Metadata mapping = sources.getMetadataBuilder()
                    .applyImplicitNamingStrategy(new CarafeNamingStrategy())
                    .applyPhysicalNamingStrategy(new CarafePhysicalNamingStrategy())
                    .build();
            List<String> eager = PublicFieldReferences.loadWithOwners(mapping);
            if (!eager.isEmpty()) {
                MODELS.info("Bind '{}': {} load with their owners, as their models keep their state in public fields,"
                        + " which a lazy reference would leave empty; give a model private fields with getters to keep"
                        + " the associations to it lazy", key, eager);
            }
            CompletableFuture<SessionFactory> sessionFactory = new CompletableFuture<>();
            Thread builder = new Thread(() -> {
                try {
                    SessionFactory built = mapping.getSessionFactoryBuilder().build();
                    // Opening a session takes no connection; it loads the classes the first request needs.
                    // A session of a bind with tenants needs a tenant: its first request loads them.
                    SessionFactoryImplementor factory = built.unwrap(SessionFactoryImplementor.class);
                    // (Hibernate's filter "_tenantId" is that of @TenantId columns.)
                    if (!factory.getSessionFactoryOptions().isMultiTenancyEnabled()
                            && !factory.getDefinedFilterNames().contains("_tenantId")) {
                        built.openSession().close();
                    }
                    sessionFactory.complete(built);
                } catch (RuntimeException | Error e) {
                    StandardServiceRegistryBuilder.destroy(registry);
                    // Said now as well as at the bind's first use, which may be long after start-up.
                    LOG.error("Bind '{}': Hibernate could not start; the bind fails at its first use", key, e);
                    sessionFactory.completeExceptionally(e);
                }
            }, "carafe-start-" + key);
            builder.setDaemon(true);
            builder.setContextClassLoader(Thread.currentThread().getContextClassLoader());
            builder.start();
            return new BindHibernate(key, mapping, sessionFactory);
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /**
     * Settings that make every statement cheaper on drivers that support them. Dates and times
     * go through the driver's own java.time support instead of java.sql.Timestamp and a Calendar
     * in the JVM's time zone (faster, and exact for local times that daylight saving skips).
     * PostgreSQL returns a new row's identity with {@code insert ... returning id} instead of
     * {@code getGeneratedKeys()}, which its driver implements as {@code returning *}.
     */
    private static Map<String, Object> driverDefaults(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRESQL -> Map.of(AvailableSettings.JAVA_TIME_USE_DIRECT_JDBC, true,
                    AvailableSettings.USE_GET_GENERATED_KEYS, false);
            case H2, MARIADB, MYSQL -> Map.of(AvailableSettings.JAVA_TIME_USE_DIRECT_JDBC, true);
            default -> Map.of();
        };
    }

    /** Closes the session factory, once built; the pool is closed by its engine. */
    public void close() {
        SessionFactory built;
        try {
            built = sessionFactory.join();
        } catch (CompletionException e) {
            return;
        }
        built.close();
    }
}
