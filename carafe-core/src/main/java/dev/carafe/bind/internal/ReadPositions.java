package dev.carafe.bind.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One context's read-your-writes state: the primary positions its client must see (from the
 * client's last writes, carried by a signed token) and those its own commits reached. Used by one
 * context at a time.
 */
public final class ReadPositions {
    private final Map<String, String> seen = new LinkedHashMap<>(2);
    private Consumer<Map<String, String>> onCommit;
    private boolean primaryOnly;

    /**
     * Requires the replicas of each bind named to have replayed its position before serving reads.
     *
     * @param positions primary positions by bind key
     */
    public void require(Map<String, String> positions) {
        seen.putAll(positions);
    }

    /**
     * Sends every read of the context to the primary: its client's token could not be read, so
     * Carafe cannot tell what the client must see.
     */
    public void requirePrimary() {
        primaryOnly = true;
    }

    /**
     * Tells whether every read of the context must go to the primary.
     *
     * @return whether {@link #requirePrimary()} was called
     */
    public boolean primaryOnly() {
        return primaryOnly;
    }

    /**
     * Returns the position a bind's replica must have replayed.
     *
     * @param bind the bind key
     * @return the position, or {@code null} for none
     */
    public String required(String bind) {
        return seen.get(bind);
    }

    /**
     * Tells a listener the positions after each commit that wrote: those required plus those reached.
     *
     * @param listener the listener, or {@code null} for none
     */
    public void onCommit(Consumer<Map<String, String>> listener) {
        this.onCommit = listener;
    }

    /**
     * Records where a commit left a bind's primary.
     *
     * @param bind the bind key
     * @param position the primary's position after the commit
     */
    public void committed(String bind, String position) {
        if (position != null) seen.put(bind, position);
    }

    /** Tells the listener, after a commit that reached new positions. */
    public void publish() {
        if (onCommit != null && !seen.isEmpty()) onCommit.accept(Map.copyOf(seen));
    }
}
