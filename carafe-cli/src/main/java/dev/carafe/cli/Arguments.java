package dev.carafe.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A command line split into its command words and its options. Options take their value as the
 * next word or after {@code =}; {@code --bind} may be given several times.
 */
final class Arguments {
    private static final Set<String> FLAGS = Set.of("--yes", "--autogenerate", "--all-tenants", "--help", "-h");
    private static final Set<String> VALUED = Set.of("--bind", "-m", "--message", "--dir", "--version", "--tenant");

    final List<String> words = new ArrayList<>();
    final List<String> binds = new ArrayList<>();
    final List<String> tenants = new ArrayList<>();
    boolean allTenants;
    String message;
    String dir;
    String version;
    boolean yes;
    boolean autogenerate;
    boolean help;

    static Arguments parse(String... args) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("-") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            if (FLAGS.contains(arg)) {
                if (value != null) throw new UsageException(arg + " takes no value.");
                switch (arg) {
                    case "--yes" -> parsed.yes = true;
                    case "--autogenerate" -> parsed.autogenerate = true;
                    case "--all-tenants" -> parsed.allTenants = true;
                    default -> parsed.help = true;
                }
            } else if (VALUED.contains(arg)) {
                if (value == null) {
                    if (i + 1 >= args.length) throw new UsageException(arg + " needs a value.");
                    value = args[++i];
                }
                switch (arg) {
                    case "--bind" -> parsed.binds.add(value);
                    case "--tenant" -> parsed.tenants.add(value);
                    case "--dir" -> parsed.dir = value;
                    case "--version" -> parsed.version = value;
                    default -> parsed.message = value;
                }
            } else if (arg.startsWith("-")) {
                throw new UsageException("Unknown option " + arg + ".");
            } else {
                parsed.words.add(arg);
            }
        }
        if (parsed.allTenants && !parsed.tenants.isEmpty()) {
            throw new UsageException("--tenant and --all-tenants exclude each other: name tenants, or take them all.");
        }
        return parsed;
    }

    /** Whether the command works on tenants rather than on binds. */
    boolean forTenants() {
        return allTenants || !tenants.isEmpty();
    }

    String[] bindKeys() {
        return binds.toArray(String[]::new);
    }
}
