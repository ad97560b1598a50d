package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.cli.CarafeCli;
import dev.carafe.config.CarafeConfig;
import dev.carafe.javalin.CarafePlugin;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Flask-SQLAlchemy's flaskr example on Carafe and Javalin: a blog with registration, login and
 * posts. Run {@code java -jar carafe-example-blog.jar} to serve it on port 7070 (or {@code PORT}),
 * or {@code java -jar carafe-example-blog.jar init-db} to recreate the tables. Its schema comes from
 * the migrations in {@code db/migration}, applied at start-up; {@code db upgrade} and the other
 * commands of {@link CarafeCli} run instead of the blog.
 */
public final class BlogApp {
    /** The database when none is configured: an H2 file in the instance folder. */
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:./flaskr";

    private BlogApp() {}

    /**
     * Starts the blog, or runs {@code init-db} or a command of the command line.
     *
     * @param args nothing, {@code init-db}, or a command such as {@code db upgrade}
     */
    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Carafe db = database(CarafeConfig.load(Path.of(""), environment));
        if (args.length > 0 && args[0].equals("init-db")) {
            initDb(db, System.out);
            db.close();
            return;
        }
        if (CarafeCli.isCommand(args)) {
            int exitCode = CarafeCli.run(db, args);
            db.close();
            System.exit(exitCode);
        }
        db.migrate();
        int port = Integer.parseInt(environment.getOrDefault("PORT", "7070"));
        Javalin app = create(db, environment.getOrDefault("SECRET_KEY", "dev")).start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            db.close();
        }));
        System.out.println("Blog running on http://localhost:" + app.port() + " (database " + db.engine().url() + ")");
    }

    /**
     * Builds the db object from a configuration, defaulting to {@link #DEFAULT_DATABASE_URL}.
     *
     * @param config the configuration, such as {@link CarafeConfig#load()}
     * @return the db object, with the blog's models
     */
    public static Carafe database(CarafeConfig config) {
        Carafe.Builder builder = Carafe.builder().config(config).models(User.class, Post.class);
        if (config.databaseUrl() == null && config.binds().isEmpty()) builder.databaseUrl(DEFAULT_DATABASE_URL);
        return builder.build();
    }

    /**
     * flaskr's {@code init-db}: drops and recreates the tables.
     *
     * @param db the db object
     * @param out where to say so
     */
    public static void initDb(Carafe db, PrintStream out) {
        db.dropAll();
        db.createAll();
        out.println("Initialized the database.");
    }

    /**
     * Creates the web application (not started).
     *
     * @param db the db object
     * @param secretKey the key that signs session cookies
     * @return the Javalin app
     */
    public static Javalin create(Carafe db, String secretKey) {
        SignedSession sessions = new SignedSession(secretKey);
        Auth auth = new Auth(db, sessions);
        Views views = new Views(sessions, auth);
        auth.views(views);
        Blog blog = new Blog(db, auth, sessions, views);
        return Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.routes.get("/", blog::index);
            config.routes.get("/auth/register", auth::registerForm);
            config.routes.post("/auth/register", auth::register);
            config.routes.get("/auth/login", auth::loginForm);
            config.routes.post("/auth/login", auth::login);
            config.routes.get("/auth/logout", auth::logout);
            config.routes.get("/create", blog::createForm);
            config.routes.post("/create", blog::create);
            config.routes.get("/{id}/update", blog::updateForm);
            config.routes.post("/{id}/update", blog::update);
            config.routes.post("/{id}/delete", blog::delete);
        });
    }
}
