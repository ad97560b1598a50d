package dev.carafe.schema.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.bind.internal.TenantConnections;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.schema.SchemaDriftException;
import dev.carafe.schema.SchemaException;
import dev.carafe.schema.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, drops, empties and reflects the tables of each bind, describes them, and compares them
 * with the models: the feature behind {@code db.createAll()}, {@code db.dropAll()}, {@code db.reset()},
 * {@code db.reflect()}, {@code db.metadata()}, {@code db.schemaDifferences()} and {@code db.checkSchema()}.
 * Thread-safe.
 */
public final class Schemas {
    /** Flyway's history tables: {@code flyway_schema_history}, and one per other bind. */
    public static final String HISTORY_TABLE_PREFIX = "flyway_schema_history";
    private static final Logger LOG = LoggerFactory.getLogger("carafe.schema");
    private static final String FIX = "write a migration (db revision --autogenerate, see docs/migrations.md)";

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
        onEachBind("createAll()", "created the missing tables of", bind -> {
            Set<String> existing = SchemaTool.createMissing(bind);
            if (!existing.isEmpty() && LOG.isWarnEnabled()) warnAboutDrift(bind, existing);
        }, bindKeys);
    }

    /**
     * Logs each difference between a model and a table that {@code createAll} found and left as
     * it is: the start-up warning that tells a drifted schema from a client's bad value.
     */
    private void warnAboutDrift(Bind bind, Set<String> existing) {
        for (SchemaDifference difference : differences(bind)) {
            if (existing.contains(difference.table().toLowerCase(Locale.ROOT))
                    && !(difference instanceof SchemaDifference.ExtraTable)) {
                LOG.warn("Bind '{}': {}. createAll() leaves existing tables as they are: {}.", bind.key(),
                        difference.describe(), FIX);
            }
        }
    }

    /**
     * Compares the models of the binds named (every bind when none is) with their live schemas.
     *
     * @param bindKeys bind keys
     * @return the differences, bind by bind, table by table
     */
    public List<SchemaDifference> differences(String... bindKeys) {
        List<SchemaDifference> differences = new ArrayList<>();
        for (Bind bind : binds.select(bindKeys)) differences.addAll(differences(bind));
        return differences;
    }

    /**
     * Throws when the models of the binds named (every bind when none is) differ from their live schemas.
     *
     * @param bindKeys bind keys
     * @throws SchemaDriftException listing every difference
     */
    public void check(String... bindKeys) {
        List<SchemaDifference> differences = differences(bindKeys);
        if (differences.isEmpty()) return;
        StringBuilder message = new StringBuilder("The database schema differs from the models:");
        for (SchemaDifference difference : differences) {
            message.append("\n  bind '").append(difference.bindKey()).append("': ").append(difference.describe());
        }
        message.append("\nTo fix it, ").append(FIX).append(", review it and apply it (db upgrade).");
        throw new SchemaDriftException(message.toString(), differences);
    }

    private List<SchemaDifference> differences(Bind bind) {
        List<Table> reflectedTables = SchemaTool.withConnection(bind, Reflector::reflect);
        return SchemaComparison.compare(bind.key(), bind.kind(), DeclaredTables.of(bind.mapping()), reflectedTables,
                notTheModelsBusiness(bind, reflectedTables));
    }

    /** The migration history, the list of tenants, and the tables other binds map (binds may share a database). */
    private Set<String> notTheModelsBusiness(Bind bind, List<Table> reflectedTables) {
        Set<String> ignored = new HashSet<>();
        if (bind.tenancy() != null) ignored.add(TenantConnections.REGISTRY_TABLE);
        for (Table table : reflectedTables) {
            String name = table.name().toLowerCase(Locale.ROOT);
            if (name.startsWith(HISTORY_TABLE_PREFIX)) ignored.add(name);
        }
        for (Bind other : binds.select()) {
            if (other == bind) continue;
            for (Table table : DeclaredTables.of(other.mapping())) ignored.add(table.name().toLowerCase(Locale.ROOT));
        }
        return ignored;
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
     * Empties the model tables of the binds named (every bind when none is), children before
     * parents, and restarts their identities.
     *
     * @param bindKeys bind keys
     */
    public void reset(String... bindKeys) {
        for (Bind bind : binds.select(bindKeys)) TableReset.reset(bind);
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
