package dev.carafe.bind.internal;

import dev.carafe.bind.Binds;
import dev.carafe.bind.Engine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Every bind of one Carafe instance, by key, the default bind first. Thread-safe (immutable). */
public final class BindSet {
    private final Map<String, Bind> binds;
    private final Map<String, Engine> engines;

    /**
     * Holds the binds.
     *
     * @param binds the binds by key, in configuration order
     */
    public BindSet(Map<String, Bind> binds) {
        this.binds = Collections.unmodifiableMap(new LinkedHashMap<>(binds));
        this.engines = Collections.unmodifiableMap(new LinkedHashMap<>(binds));
    }

    /**
     * Returns a bind.
     *
     * @param key a configured bind key
     * @return the bind
     * @throws IllegalArgumentException for a key that is not configured, listing those that are
     */
    public Bind get(String key) {
        Bind bind = binds.get(key);
        if (bind == null) {
            String hint = Binds.DEFAULT.equals(key) ? "'database-url' is not set. " : "";
            throw new IllegalArgumentException(hint + "Bind key '" + key + "' is not configured. Configured binds: "
                    + binds.keySet() + ".");
        }
        return bind;
    }

    /**
     * Returns the default bind.
     *
     * @return the bind of {@link Binds#DEFAULT}
     * @throws IllegalStateException when only other binds are configured
     */
    public Bind defaultBind() {
        Bind bind = binds.get(Binds.DEFAULT);
        if (bind == null) {
            throw new IllegalStateException("There is no default engine: 'database-url' is not set. Use"
                    + " db.engine(key) for one of " + binds.keySet() + ", or set database-url.");
        }
        return bind;
    }

    /**
     * Returns the engines by bind key.
     *
     * @return an ordered, immutable map
     */
    public Map<String, Engine> engines() {
        return engines;
    }

    /**
     * Returns the binds named, each once, or every bind when none is named.
     *
     * @param keys bind keys
     * @return the binds, in the order named (configuration order for all)
     * @throws IllegalArgumentException for a key that is not configured
     */
    public List<Bind> select(String... keys) {
        if (keys.length == 0) return new ArrayList<>(binds.values());
        List<Bind> selected = new ArrayList<>();
        for (String key : new LinkedHashSet<>(Arrays.asList(keys))) selected.add(get(key));
        return selected;
    }

    /** Closes every bind, going on past failures; the first failure is thrown at the end. */
    public void close() {
        RuntimeException failure = null;
        for (Bind bind : binds.values()) {
            try {
                bind.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    /**
     * Describes the set as {@code <Carafe postgresql://app:***@db/app +2 engines>}.
     *
     * @return the description the db object gives of itself
     */
    public String describe() {
        Bind main = binds.get(Binds.DEFAULT);
        int others = binds.size() - (main == null ? 0 : 1);
        String text = main == null ? "(No default engine)" : main.url();
        return "<Carafe " + text + (others > 0 ? " +" + others + " engines" : "") + ">";
    }
}
