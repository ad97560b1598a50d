package dev.carafe.schema.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.schema.Metadata;
import dev.carafe.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates, drops, empties and reflects the tables of each bind, and describes them: the feature
 * behind {@code db.createAll()}, {@code db.dropAll()}, {@code db.reset()}, {@code db.reflect()} and
 * {@code db.metadata()}.
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
     * Creates the missing tables of the binds named (every bind when none is).
     *
     * @param bindKeys bind keys
     */
    public void createAll(String... bindKeys) {
        for (Bind bind : binds.select(bindKeys)) SchemaTool.createMissing(bind);
    }

    /**
     * Drops the tables of the binds named (every bind when none is).
     *
     * @param bindKeys bind keys
     */
    public void dropAll(String... bindKeys) {
        for (Bind bind : binds.select(bindKeys)) SchemaTool.drop(bind);
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
