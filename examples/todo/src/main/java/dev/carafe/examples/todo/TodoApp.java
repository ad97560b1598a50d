package dev.carafe.examples.todo;

import dev.carafe.Carafe;
import dev.carafe.bind.Binds;
import dev.carafe.cli.CarafeCli;
import dev.carafe.config.CarafeConfig;
import dev.carafe.config.EngineOptions;
import dev.carafe.javalin.CarafePlugin;
import dev.carafe.web.TenantResolver;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;

/**
 * Flask-SQLAlchemy's todo example on Carafe and Javalin: a list of todos, a form for new ones with
 * validation messages, and check boxes to mark them done.
 *
 * <p>Run it with {@code java -jar examples/todo/target/carafe-example-todo.jar}. The database is
 * an H2 file in the folder {@code instance/} unless {@code CARAFE_DATABASE_URL} (or
 * {@code DATABASE_URL}) names another; the port is {@code PORT}, by default 7071. Its schema comes
 * from the migrations in {@code db/migration}, applied at start-up; {@code java -jar ... db
 * upgrade} (and the other commands of {@link CarafeCli}) runs a command instead of the app.
 *
 * <p>Multi-tenant by configuration: with {@code CARAFE_TENANCY=schema} each tenant gets a schema (a
 * database on MariaDB) of its own, and each request is for the tenant its subdomain names
 * ({@code acme.localhost:7071}), or, with {@code TENANT_FROM=header}, its {@code X-Tenant} header.
 * {@code TENANTS=acme,globex} creates those tenants at start-up; every tenant is migrated then.
 */
public final class TodoApp {
    /** The database when none is configured: an H2 file that Carafe keeps in the instance folder. */
    static final String DEFAULT_DATABASE_URL = "jdbc:h2:./todo";

    static final int DEFAULT_PORT = 7071;

    private TodoApp() {}

    /**
     * Runs a command of the command line, or applies the pending migrations and serves the app
     * until the process ends.
     *
     * @param args nothing to serve the app, {@code --train} for the training run of an
     *     ahead-of-time cache ({@link TodoTraining}), or a command such as {@code db upgrade}
     * @throws Exception when the training run fails
     */
    public static void main(String[] args) throws Exception {
        Carafe db = openDatabase(CarafeConfig.load());
        if (CarafeCli.isCommand(args)) {
            int exitCode = CarafeCli.run(db, args);
            db.close();
            System.exit(exitCode);
        }
        try {
            migrate(db, System.getenv());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        if (List.of(args).contains("--train")) {
            Javalin app = create(db, System.getenv()).start("127.0.0.1", 0);
            TodoTraining.run(app.port());
            app.stop();
            db.close();
            return;
        }
        int port = port(System.getenv());
        Javalin app = create(db, System.getenv()).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            db.close();
        }, "todo-shutdown"));
        System.out.println("Todo app running on http://localhost:" + app.port());
    }

    /**
     * Builds the db object from a configuration, on the default H2 file when the configuration
     * names no database. It does not touch the schema.
     *
     * @param config the configuration, for example {@link CarafeConfig#load()}
     * @return the db object; close it at shutdown
     */
    static Carafe openDatabase(CarafeConfig config) {
        Carafe.Builder builder = Carafe.builder().config(config).models(Todo.class);
        if (config.databaseUrl() == null && config.binds().isEmpty()) {
            builder.databaseUrl(DEFAULT_DATABASE_URL);
        }
        return builder.build();
    }

    /**
     * Applies the pending migrations: of every tenant when the database keeps tenants apart, after
     * creating those {@code TENANTS} names (comma-separated) that do not exist yet.
     *
     * @param db the db object
     * @param environment the process environment
     */
    static void migrate(Carafe db, Map<String, String> environment) {
        if (!multiTenant(db)) {
            db.migrate();
            return;
        }
        for (String tenant : environment.getOrDefault("TENANTS", "").split(",")) {
            if (!tenant.isBlank() && !db.tenants().exists(tenant.strip())) db.tenants().create(tenant.strip());
        }
        db.tenants().migrateAll();
    }

    private static boolean multiTenant(Carafe db) {
        EngineOptions options = db.config().resolvedEngines().get(Binds.DEFAULT);
        return options != null && options.tenancy() != null;
    }

    /**
     * Builds the web app, not yet started, finding each request's tenant as {@code TENANT_FROM} says
     * when the database keeps tenants apart.
     *
     * @param db the db object
     * @param environment the process environment
     * @return the app; {@code start(port)} it
     */
    static Javalin create(Carafe db, Map<String, String> environment) {
        if (!multiTenant(db)) return create(db, (TenantResolver) null);
        String from = environment.getOrDefault("TENANT_FROM", "subdomain");
        return switch (from) {
            case "subdomain" -> create(db, TenantResolver.subdomain());
            case "header" -> create(db, TenantResolver.header("X-Tenant"));
            default -> throw new IllegalArgumentException("TENANT_FROM must be subdomain or header, got '" + from + "'.");
        };
    }

    /**
     * Builds the web app for one tenant per database (no resolver), not yet started.
     *
     * @param db the db object
     * @return the app; {@code start(port)} it
     */
    static Javalin create(Carafe db) {
        return create(db, (TenantResolver) null);
    }

    private static Javalin create(Carafe db, TenantResolver tenants) {
        TodoRoutes routes = new TodoRoutes(db, new Templates());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // GET /update answers 405 Method Not Allowed, as Flask does, rather than 404.
            config.http.prefer405over404 = true;
            config.registerPlugin(new CarafePlugin(db, carafe -> carafe.tenantResolver = tenants));
            config.routes.get("/", routes::showAll);
            config.routes.get("/new", routes::newForm);
            config.routes.post("/new", routes::create);
            config.routes.post("/update", routes::update);
        });
    }

    /** Reads the port from {@code PORT}, failing with the fix when it is not a port number. */
    static int port(Map<String, String> environment) {
        String value = environment.get("PORT");
        if (value == null || value.isBlank()) return DEFAULT_PORT;
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // Reported below with the value and the fix.
        }
        throw new IllegalArgumentException("PORT must be a port number from 0 to 65535, got '" + value
                + "'. Unset it to use " + DEFAULT_PORT + ".");
    }
}
