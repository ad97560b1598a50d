package dev.carafe.cli;

import dev.carafe.Carafe;
import dev.carafe.bind.Binds;
import dev.carafe.config.CarafeConfig;
import dev.carafe.migrate.Migration;
import dev.carafe.schema.Column;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of a Carafe application, Flask-Migrate's {@code flask db ...}: create and drop
 * tables, print the schema, write migrations from the models, apply them, and check that the
 * database matches the models. An application hands it its arguments from {@code main}:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Carafe db = Carafe.fromConfig(CarafeConfig.load());
 *     if (CarafeCli.isCommand(args)) System.exit(CarafeCli.run(db, args));
 *     // ... start the web server
 * }
 * }</pre>
 *
 * <p>Then {@code java -jar app.jar db upgrade}. Output goes to standard output, errors to standard
 * error; the exit code is 0 when the command did its work, 1 when it failed (or, for {@code db
 * check}, when the schema differs), 2 for a command line it cannot run. Each command takes
 * {@code --bind KEY} and {@code --help}. Not thread-safe: run one command at a time.
 */
public final class CarafeCli {
    /** Done. */
    public static final int OK = 0;
    /** The command failed, or {@code db check} found differences. */
    public static final int FAILED = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;

    private static final Set<String> COMMANDS = Set.of("create-all", "drop-all", "reflect", "db", "help");
    private static final String USAGE_TEXT = """
            Usage: COMMAND [OPTIONS]

            Commands:
              create-all                create the models' missing tables
              drop-all                  drop the models' tables (asks first; --yes does not ask)
              reflect                   print the database's tables
              db revision --autogenerate -m MESSAGE [--dir DIR]
                                        write the next migration from the differences between models and database
              db upgrade                apply the pending migrations
              db current                print each bind's version
              db history                list each bind's migrations, applied and pending
              db check                  compare the models with the database; exit code 1 when they differ
              db baseline --version V   mark a database made without migrations as being at version V
              db repair                 remove failed migrations from the history, after undoing them by hand

            Options:
              --bind KEY   the bind to work on, repeatable (default: every bind; the default bind for
                           revision, baseline and repair)
              --tenant ID  db upgrade and db check: work on this tenant of the binds with a schema or a
                           database per tenant, repeatable
              --all-tenants
                           db upgrade and db check: work on every tenant, one after the other
              --help       this help

            Exit codes: 0 done, 1 failed (db check: the schema differs), 2 wrong command line.
            """;

    private final Carafe db;
    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader console;

    /**
     * Creates a command line over streams, for tests and for embedding.
     *
     * @param db the application's db object
     * @param out where results go
     * @param err where errors go
     * @param console where answers to questions come from, or {@code null} when no one can answer
     */
    public CarafeCli(Carafe db, PrintStream out, PrintStream err, BufferedReader console) {
        this.db = db;
        this.out = out;
        this.err = err;
        this.console = console;
    }

    /**
     * Runs a command on the process's standard streams; {@code drop-all} asks on the console, and
     * refuses without {@code --yes} when there is none.
     *
     * @param db the application's db object
     * @param args the command line, such as {@code db upgrade --bind auth}
     * @return the exit code: 0 done, 1 failed, 2 wrong command line
     */
    public static int run(Carafe db, String... args) {
        BufferedReader console = System.console() == null ? null
                : new BufferedReader(new InputStreamReader(System.in, java.nio.charset.Charset.defaultCharset()));
        return new CarafeCli(db, System.out, System.err, console).execute(args);
    }

    /**
     * Tells whether a command line is one of these commands, so that an application's
     * {@code main} runs it instead of starting its server.
     *
     * @param args the arguments of {@code main}
     * @return whether the first argument names a command
     */
    public static boolean isCommand(String... args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || args[0].equals("--help"));
    }

    /**
     * Runs a command.
     *
     * @param args the command line
     * @return the exit code: 0 done, 1 failed, 2 wrong command line
     */
    public int execute(String... args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        List<String> words = arguments.words;
        String command = words.isEmpty() ? "help" : words.get(0).equals("db") && words.size() > 1
                ? "db " + words.get(1) : words.get(0);
        int expectedWords = command.startsWith("db ") ? 2 : 1;
        if (arguments.help || command.equals("help")) {
            out.print(USAGE_TEXT);
            return OK;
        }
        if (words.size() > expectedWords) return usage("Unexpected argument '" + words.get(expectedWords) + "'.");
        try {
            return switch (command) {
                case "create-all" -> createAll(arguments);
                case "drop-all" -> dropAll(arguments);
                case "reflect" -> reflect(arguments);
                case "db revision" -> revision(arguments);
                case "db upgrade" -> upgrade(arguments);
                case "db current" -> current(arguments);
                case "db history" -> history(arguments);
                case "db check" -> check(arguments);
                case "db baseline" -> baseline(arguments);
                case "db repair" -> repair(arguments);
                default -> usage("Unknown command '" + String.join(" ", words) + "'.");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (RuntimeException e) {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        }
    }

    private int createAll(Arguments arguments) {
        db.createAll(arguments.bindKeys());
        out.println("Created the missing tables of " + binds(arguments) + "; existing tables were left as they are.");
        return OK;
    }

    private int dropAll(Arguments arguments) {
        if (!arguments.yes) {
            if (console == null) {
                err.println("error: drop-all deletes the tables of " + binds(arguments) + " and their rows; there is no"
                        + " console to ask on. Run it with --yes to drop them.");
                return FAILED;
            }
            out.print("Drop the tables of " + binds(arguments) + " and every row in them? [y/N] ");
            out.flush();
            String answer = readLine();
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                out.println("Nothing was dropped.");
                return FAILED;
            }
        }
        db.dropAll(arguments.bindKeys());
        out.println("Dropped the tables of " + binds(arguments) + ".");
        return OK;
    }

    private int reflect(Arguments arguments) {
        db.reflect(arguments.bindKeys());
        for (String bind : bindKeys(arguments)) {
            out.println("bind " + bind + " (" + db.engine(bind).url() + "):");
            for (Table table : db.metadata(bind).tables()) {
                if (!table.reflected()) continue;
                out.println("  " + table.name());
                for (Column column : table.columns()) {
                    out.println("    " + column.name() + " " + column.type() + (column.nullable() ? "" : " not null")
                            + (column.primaryKey() ? " primary key" : ""));
                }
            }
        }
        return OK;
    }

    private int revision(Arguments arguments) {
        if (!arguments.autogenerate) {
            throw new UsageException("db revision writes a migration from the models: add --autogenerate. (A"
                    + " migration of your own is a file V<n>__<what>.sql that you write in the migration folder.)");
        }
        if (arguments.message == null || arguments.message.isBlank()) {
            throw new UsageException("db revision needs -m MESSAGE, which names the file: -m \"add email to user\".");
        }
        String bind = oneBind(arguments);
        Path directory = arguments.dir != null ? Path.of(arguments.dir) : defaultDirectory(bind);
        Optional<Path> written = db.writeMigration(bind, arguments.message, directory);
        if (written.isEmpty()) {
            out.println("No changes: the database of bind '" + bind + "' matches its models. No migration was written.");
        } else {
            out.println("Wrote " + written.get() + ". Review it, then apply it with db upgrade.");
        }
        return OK;
    }

    /**
     * The bind's migration folder in the project: {@code migrations-path} when it is a folder, else
     * its classpath location under {@code src/main/resources}.
     */
    private Path defaultDirectory(String bind) {
        CarafeConfig config = db.config();
        String path = config.migrationsPath();
        String sub = Binds.DEFAULT.equals(bind) ? "" : bind;
        if (!path.startsWith("classpath:")) {
            return Path.of(path.startsWith("filesystem:") ? path.substring("filesystem:".length()) : path).resolve(sub);
        }
        Path resources = Path.of("src", "main", "resources");
        if (!Files.isDirectory(resources)) {
            throw new UsageException("Where should the migration go? There is no src/main/resources here: run the"
                    + " command from the project's folder, or give the bind's migration folder with --dir.");
        }
        return resources.resolve(path.substring("classpath:".length())).resolve(sub);
    }

    private int upgrade(Arguments arguments) {
        if (arguments.forTenants()) return TenantCommands.upgrade(db, tenants(arguments), out);
        List<Migration> applied = db.migrate(arguments.bindKeys());
        for (Migration migration : applied) out.println("Applied " + migration.bindKey() + " " + migration.script());
        for (String bind : bindKeys(arguments)) out.println(version(bind));
        return OK;
    }

    private int current(Arguments arguments) {
        for (String bind : bindKeys(arguments)) out.println(version(bind));
        return OK;
    }

    private String version(String bind) {
        List<Migration> migrations = db.migrations(bind);
        Migration last = null;
        long pending = 0;
        for (Migration migration : migrations) {
            if (migration.state() == Migration.State.APPLIED) last = migration;
            if (migration.state() == Migration.State.PENDING) pending++;
        }
        String version = last == null ? "no migration applied" : "version " + last.version() + " (" + last.description() + ")";
        return bind + ": " + version + (pending > 0 ? ", " + pending + " pending" : "");
    }

    private int history(Arguments arguments) {
        for (String bind : bindKeys(arguments)) {
            List<Migration> migrations = db.migrations(bind);
            if (migrations.isEmpty()) out.println(bind + ": no migrations");
            for (Migration migration : migrations) {
                out.println(bind + " " + migration.version() + " " + migration.state().name().toLowerCase(Locale.ROOT)
                        + (migration.installedOn() == null ? "" : " " + migration.installedOn()) + " " + migration.script());
            }
        }
        return OK;
    }

    private int check(Arguments arguments) {
        if (arguments.forTenants()) return TenantCommands.check(db, tenants(arguments), out, err);
        List<SchemaDifference> differences = db.schemaDifferences(arguments.bindKeys());
        if (differences.isEmpty()) {
            out.println("The database matches the models of " + binds(arguments) + ".");
            return OK;
        }
        for (SchemaDifference difference : differences) {
            out.println(difference.bindKey() + ": " + difference.describe());
        }
        err.println("error: the database differs from the models (" + differences.size() + " difference"
                + (differences.size() == 1 ? "" : "s") + "). Write a migration with db revision --autogenerate -m"
                + " MESSAGE, review it, and apply it with db upgrade.");
        return FAILED;
    }

    private List<String> tenants(Arguments arguments) {
        return arguments.allTenants ? db.tenants().list() : arguments.tenants;
    }

    private int baseline(Arguments arguments) {
        if (arguments.version == null) throw new UsageException("db baseline needs --version V: the version whose"
                + " schema the database already has.");
        String bind = oneBind(arguments);
        db.baselineMigrations(bind, arguments.version);
        out.println("Bind '" + bind + "' is now at version " + arguments.version + "; later migrations apply with db upgrade.");
        return OK;
    }

    private int repair(Arguments arguments) {
        String bind = oneBind(arguments);
        db.repairMigrations(bind);
        out.println("Repaired the migration history of bind '" + bind + "'.");
        return OK;
    }

    private String oneBind(Arguments arguments) {
        if (arguments.binds.size() > 1) throw new UsageException("This command works on one bind: give --bind once.");
        String bind = arguments.binds.isEmpty() ? Binds.DEFAULT : arguments.binds.get(0);
        db.engine(bind);   // an unknown bind fails here, listing the configured ones
        return bind;
    }

    private List<String> bindKeys(Arguments arguments) {
        if (!arguments.binds.isEmpty()) return arguments.binds;
        Map<String, ?> engines = db.engines();
        return List.copyOf(engines.keySet());
    }

    private String binds(Arguments arguments) {
        List<String> keys = bindKeys(arguments);
        return (keys.size() == 1 ? "bind " : "binds ") + String.join(", ", keys);
    }

    private String readLine() {
        try {
            return console.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int usage(String problem) {
        err.println("error: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
    }
}
