package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.cli.CarafeCli;
import dev.carafe.config.CarafeConfig;
import dev.carafe.javalin.CarafePlugin;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;

/**
 * Flask-SQLAlchemy's flaskr example on Carafe and Javalin: a blog with registration, login and
 * posts. Run {@code SECRET_KEY=... java -jar carafe-example-blog.jar} to serve it on port 7070 (or
 * {@code PORT}), {@code java -jar carafe-example-blog.jar --dev} to try it on this machine, or
 * {@code java -jar carafe-example-blog.jar init-db} to recreate the tables. Its schema comes from
 * the migrations in {@code db/migration}, applied at start-up; {@code db upgrade} and the other
 * commands of {@link CarafeCli} run instead of the blog.
 */
public final class BlogApp {
    /** The database when none is configured: an H2 file in the instance folder. */
    public static final String DEFAULT_DATABASE_URL = "jdbc:h2:./flaskr";

    private BlogApp() {}

    /**
     * Starts the blog, or runs {@code init-db} or a command of the command line. The blog needs
     * {@code SECRET_KEY}, unless started with {@code --dev}: then it makes a random key and listens
     * on 127.0.0.1 only.
     *
     * @param args {@code --dev}, {@code init-db}, both or neither; {@code --train} for the training run
     *     of an ahead-of-time cache ({@link BlogTraining}); or a command such as {@code db upgrade}
     * @throws Exception when the training run fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        if (CarafeCli.isCommand(args)) {
            Carafe db = database(CarafeConfig.load(Path.of(""), environment));
            int exitCode = CarafeCli.run(db, args);
            db.close();
            System.exit(exitCode);
            return;
        }
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean training = arguments.remove("--train");
        boolean development = arguments.remove("--dev") || training;
        boolean initDb = arguments.remove("init-db");
        if (!arguments.isEmpty()) {
            exit("Unknown argument " + arguments.get(0) + ". Usage: java -jar carafe-example-blog.jar [--dev] [init-db]"
                    + " [--train]");
            return;
        }
        if (initDb) {
            Carafe db = database(CarafeConfig.load(Path.of(""), environment));
            initDb(db, System.out);
            db.close();
            return;
        }
        BlogSettings settings;
        try {
            settings = BlogSettings.load(environment, development);
        } catch (IllegalArgumentException e) {
            exit(e.getMessage());
            return;
        }
        Carafe db = database(CarafeConfig.load(Path.of(""), environment));
        db.migrate();
        Javalin app = create(db, settings);
        if (training) {
            app.start("127.0.0.1", 0);
            BlogTraining.run(app.port());
            app.stop();
            db.close();
            return;
        }
        int port = Integer.parseInt(environment.getOrDefault("PORT", "7070"));
        if (development) {
            app.start("127.0.0.1", port);
        } else {
            app.start(port);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            db.close();
        }));
        System.out.println("Blog running on http://localhost:" + app.port() + " (database " + db.engine().url() + ")");
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
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
     * @param settings the key that signs session cookies, and the other security settings
     * @return the Javalin app
     */
    public static Javalin create(Carafe db, BlogSettings settings) {
        SignedSession sessions = new SignedSession(settings.secretKey(), settings.sessionMaxAge(), settings.clock());
        CsrfProtection csrf = new CsrfProtection(sessions);
        AttemptLimiter attempts = new AttemptLimiter(settings.loginAttempts(), settings.loginWindow(), 10_000,
                settings.clock());
        Auth auth = new Auth(db, sessions, attempts);
        Views views = new Views(sessions, auth, csrf);
        auth.views(views);
        Blog blog = new Blog(db, auth, sessions, views);
        return Javalin.create(config -> {
            config.registerPlugin(new CarafePlugin(db));
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            if (settings.trustProxy()) {
                config.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new ForwardedRequestCustomizer()));
            }
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.routes.before(SecurityHeaders::add);
            config.routes.beforeMatched(FormCharset::check);
            config.routes.beforeMatched(csrf::check);
            config.routes.get("/", blog::index);
            config.routes.get("/auth/register", auth::registerForm);
            config.routes.post("/auth/register", auth::register);
            config.routes.get("/auth/login", auth::loginForm);
            config.routes.post("/auth/login", auth::login);
            config.routes.post("/auth/logout", auth::logout);
            config.routes.get("/create", blog::createForm);
            config.routes.post("/create", blog::create);
            config.routes.get("/{id}/update", blog::updateForm);
            config.routes.post("/{id}/update", blog::update);
            config.routes.post("/{id}/delete", blog::delete);
        });
    }
}
