package dev.carafe;

import dev.carafe.bind.Binds;
import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.bind.internal.DatabaseUrl;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.ConfigException;
import dev.carafe.config.EngineOptions;
import dev.carafe.isolation.internal.Isolations;
import dev.carafe.migrate.internal.Migrations;
import dev.carafe.model.internal.ModelRegistry;
import dev.carafe.model.internal.PackageScanner;
import dev.carafe.observe.internal.ApiCall;
import dev.carafe.observe.internal.ModelChangeListeners;
import dev.carafe.observe.internal.MicrometerMetrics;
import dev.carafe.observe.internal.Observers;
import dev.carafe.observe.internal.ParameterRedactor;
import dev.carafe.observe.internal.StatementObserver;
import dev.carafe.replica.internal.ReplicaSet;
import dev.carafe.schema.internal.Schemas;
import dev.carafe.retry.internal.RetryPolicy;
import dev.carafe.session.ContextScope;
import dev.carafe.session.internal.BindSessions;
import dev.carafe.session.internal.Contexts;
import dev.carafe.tenant.internal.TenantRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link Carafe} from its configuration: finds the models, starts each bind (its pool,
 * its statement observers, its Hibernate mapping) and wires the features together.
 */
final class Bootstrap {
    private Bootstrap() {}

    static Carafe start(CarafeConfig config, List<Class<?>> modelClasses, ContextScope scope, MicrometerMetrics metrics,
            Map<String, Object> hibernateSettings) {
        Map<String, EngineOptions> engines = config.resolvedEngines();
        ModelRegistry models = ModelRegistry.of(allModels(config, modelClasses), engines.keySet());
        ModelChangeListeners tracking = new ModelChangeListeners(config.trackModifications());
        StatementObserver.Settings observe = new StatementObserver.Settings(config.recordQueries(), false,
                config.nPlusOne(), config.nPlusOneThreshold(), config.slowQueryThreshold(),
                new ParameterRedactor(config.redactParameters()));
        // The observers find the current context's statement log through the contexts, which need the
        // binds to open sessions: the holder closes that loop once both exist.
        Contexts[] contexts = new Contexts[1];
        Observers observers = new Observers(observe, () -> contexts[0].currentStatements(), metrics);
        BindSet binds = startBinds(config, engines, models, observers, hibernateSettings);
        Schemas tenantSchemas = new Schemas(binds);
        TenantRegistry tenants = new TenantRegistry(binds, new Migrations(binds, tenantSchemas, config.migrationsPath()),
                tenantSchemas);
        RetryPolicy retries = new RetryPolicy(config.transactionRetries(), failure -> {
            if (metrics != null) metrics.retried(failure);
        });
        contexts[0] = new Contexts(scope, tenant -> new BindSessions(binds, models, tracking.newRecorder(), tenant),
                tenants::require, retries);
        Runnable stopWatching = observers.needLocations() ? ApiCall.watch() : () -> { };
        Isolations isolations = new Isolations(binds, contexts[0], observers);
        Carafe db = new Carafe(config, binds, models, contexts[0], tracking, isolations, cursorSecret(config), stopWatching,
                tenants);
        if (config.migrateOnStart()) {
            try {
                db.migrate();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        return db;
    }

    private static List<Class<?>> allModels(CarafeConfig config, List<Class<?>> modelClasses) {
        List<Class<?>> all = new ArrayList<>(modelClasses);
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String packageName : config.scanPackages()) {
            List<Class<?>> found = PackageScanner.entities(packageName, loader);
            if (found.isEmpty()) {
                throw new ConfigException("Package '" + packageName + "' holds no @Entity classes. Check the"
                        + " name given to scan(...) or scan-packages; in a jar, a package is only found when"
                        + " the jar has directory entries (Maven's and Gradle's default).");
            }
            all.addAll(found);
        }
        return all;
    }

    private static BindSet startBinds(CarafeConfig config, Map<String, EngineOptions> engines, ModelRegistry models,
            Observers observers, Map<String, Object> hibernateSettings) {
        Map<String, Bind> binds = new LinkedHashMap<>();
        try {
            engines.forEach((key, options) -> {
                DatabaseUrl url = DatabaseUrl.parse(config.urlKey(key), options.url(), config.instancePath());
                Function<String, DatabaseUrl> tenantUrls = tenant -> DatabaseUrl.parse(config.urlKey(key)
                        .replace("url", "tenant-url"), options.tenantUrl().replace("{tenant}", tenant), config.instancePath());
                Bind bind = Bind.start(key, url, options, observers,
                        models.modelsByBind().getOrDefault(key, List.of()), hibernateSettings, tenantUrls);
                binds.put(key, bind);
                if (!options.replicaUrls().isEmpty()) {
                    bind.useReplicas(ReplicaSet.start(key, replicaKey(key), options, config.instancePath(),
                            Boolean.TRUE.equals(options.echo()), observers));
                }
            });
        } catch (RuntimeException e) {
            new BindSet(binds).close();
            throw e;
        }
        return new BindSet(binds);
    }

    private static String replicaKey(String bind) {
        return (bind.equals(Binds.DEFAULT) ? "engine-options" : "binds." + bind) + ".replica-urls";
    }

    private static byte[] cursorSecret(CarafeConfig config) {
        if (config.cursorSecret() != null) return config.cursorSecret().getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
