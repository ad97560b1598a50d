package dev.carafe.schema.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.SchemaException;
import dev.carafe.schema.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Creates, drops and reflects the tables of each bind, and describes them: the feature behind
 * {@code db.createAll()}, {@code db.dropAll()}, {@code db.reflect()} and {@code db.metadata()}.
 * Thread-safe.
 */
public final class Schemas {
    private final BindSet binds;
    private final Map<String, List<Table>> reflected = new ConcurrentHashMap<>();

    /**
     * Creates the feature.
     *
     * @param binds the binds whose tables it manages
     */
    public Schemas(BindSet binds) {
        this.binds = binds;
    }

    /**
     * Creates the missing tables of the binds named (every bind when none is), attempting each
     * bind even when another fails.
     *
     * @param bindKeys bind keys
     * @throws SchemaException when some of several binds failed, naming each failure
     */
    public void createAll(String... bindKeys) {
        onEachBind("createAll()", "created the missing tables of", SchemaTool::createMissing, bindKeys);
    }

    /**
     * Drops the tables of the binds named (every bind when none is), attempting each bind even when
     * another fails.
     *
     * @param bindKeys bind keys
     * @throws SchemaException when some of several binds failed, naming each failure
     */
    public void dropAll(String... bindKeys) {
        onEachBind("dropAll()", "dropped the tables of", SchemaTool::drop, bindKeys);
    }

    /**
     * Runs a schema action on each bind, then reports every failure at once: one bind's database
     * being down must not leave the other binds without their tables.
     */
    private void onEachBind(String call, String done, Consumer<Bind> action, String... bindKeys) {
        List<Bind> selected = binds.select(bindKeys);
        Map<String, RuntimeException> failures = new LinkedHashMap<>();
        List<String> succeeded = new ArrayList<>();
        for (Bind bind : selected) {
            try {
                action.accept(bind);
                succeeded.add(bind.key());
            } catch (RuntimeException e) {
                failures.put(bind.key(), e);
            }
        }
        if (failures.isEmpty()) return;
        if (selected.size() == 1) throw failures.values().iterator().next();
        StringBuilder message = new StringBuilder(call).append(" failed on ").append(binds(failures.keySet()));
        if (!succeeded.isEmpty()) message.append("; it ").append(done).append(' ').append(binds(succeeded));
        message.append(". Fix each failure below and call ").append(call).append(" again.");
        failures.forEach((key, failure) -> message.append("\n- bind '").append(key).append("': ")
                .append(failure.getMessage()));
        throw new SchemaException(message.toString(), failures);
    }

    /** Names bind keys in a sentence: {@code bind 'a'}, {@code binds 'a' and 'b'}, {@code binds 'a', 'b' and 'c'}. */
    private static String binds(Collection<String> keys) {
        List<String> quoted = keys.stream().map(key -> "'" + key + "'").toList();
        if (quoted.size() == 1) return "bind " + quoted.get(0);
        return "binds " + String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    /**
     * Reads the existing tables of the binds named (every bind when none is).
     *
     * @param bindKeys bind keys
     */
    public void reflect(String... bindKeys) {
        for (Bind bind : binds.select(bindKeys)) {
            reflected.put(bind.key(), SchemaTool.withConnection(bind, Reflector::reflect));
        }
    }

    /**
     * Returns a bind's tables: those of its models, and those found by the last reflection.
     *
     * @param bindKey a configured bind key
     * @return the bind's metadata
     */
    public Metadata metadata(String bindKey) {
        Map<String, Table> tables = new TreeMap<>();
        for (Table table : DeclaredTables.of(binds.get(bindKey).mapping())) {
            tables.put(table.name().toLowerCase(Locale.ROOT), table);
        }
        for (Table table : reflected.getOrDefault(bindKey, List.of())) {
            String name = table.name().toLowerCase(Locale.ROOT);
            boolean declared = tables.containsKey(name);
            tables.put(name, new Table(table.name(), table.columns(), table.primaryKey(), table.foreignKeys(),
                    table.indexes(), declared, true));
        }
        return new Metadata(bindKey, new ArrayList<>(tables.values()));
    }
}
