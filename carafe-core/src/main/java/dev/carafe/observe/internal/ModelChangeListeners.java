package dev.carafe.observe.internal;

import dev.carafe.observe.ListenerRegistration;
import dev.carafe.observe.ModelChange;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The modification-tracking listeners of one Carafe instance: those called before a commit and
 * those called after it. Thread-safe; registering while a commit notifies is allowed and takes
 * effect from the next commit.
 */
public final class ModelChangeListeners {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.track");

    private final boolean enabled;
    private final List<Listener> before = new CopyOnWriteArrayList<>();
    private final List<Listener> after = new CopyOnWriteArrayList<>();

    /**
     * Creates the listener lists.
     *
     * @param enabled whether modification tracking is on ({@code track-modifications})
     */
    public ModelChangeListeners(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns a recorder for one session's changes.
     *
     * @return the recorder, or {@code null} when tracking is off, so sessions pay nothing for it
     */
    public ModelChangeRecorder newRecorder() {
        return enabled ? new ModelChangeRecorder(this) : null;
    }

    /**
     * Adds a listener called with each commit's changes before any bind commits.
     *
     * @param listener the listener
     * @return its registration
     * @throws IllegalStateException when tracking is off
     */
    public ListenerRegistration addBefore(Consumer<List<ModelChange>> listener) {
        return add(before, listener);
    }

    /**
     * Adds a listener called with each commit's changes after every bind has committed.
     *
     * @param listener the listener
     * @return its registration
     * @throws IllegalStateException when tracking is off
     */
    public ListenerRegistration addAfter(Consumer<List<ModelChange>> listener) {
        return add(after, listener);
    }

    private ListenerRegistration add(List<Listener> listeners, Consumer<List<ModelChange>> consumer) {
        if (!enabled) {
            throw new IllegalStateException("Modification tracking is off, so this listener would never be called."
                    + " Turn it on with track-modifications=true (CARAFE_TRACK_MODIFICATIONS=true, or"
                    + " Carafe.builder().trackModifications(true)).");
        }
        // A wrapper per registration, so closing one removes it and not another of the same lambda.
        Listener listener = new Listener(Objects.requireNonNull(consumer, "listener"));
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Calls the before-listeners in registration order; the first that throws stops the others and the commit. */
    void beforeCommit(List<ModelChange> changes) {
        for (Listener listener : before) listener.consumer.accept(changes);
    }

    /** Calls every after-listener; one that throws is logged, since the data is already committed. */
    void afterCommit(List<ModelChange> changes) {
        for (Listener listener : after) {
            try {
                listener.consumer.accept(changes);
            } catch (RuntimeException e) {
                LOG.error("A models-committed listener threw after the commit of {} {}; the commit stands and the"
                        + " other listeners are still called.", changes.size(), changes.size() == 1 ? "change" : "changes",
                        e);
            }
        }
    }

    /** One registration; compared by identity. */
    private static final class Listener {
        private final Consumer<List<ModelChange>> consumer;

        private Listener(Consumer<List<ModelChange>> consumer) {
            this.consumer = consumer;
        }
    }
}
