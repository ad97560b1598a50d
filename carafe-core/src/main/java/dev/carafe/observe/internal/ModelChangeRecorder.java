package dev.carafe.observe.internal;

import dev.carafe.observe.ModelChange.Operation;
import dev.carafe.observe.ModelChange;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hibernate.Interceptor;
import org.hibernate.type.Type;

/**
 * Records the models one Carafe session inserts, updates and deletes, on every bind, and hands
 * them to the listeners at commit. It is the Hibernate interceptor of each of the session's
 * Hibernate sessions, and exists only when modification tracking is on.
 *
 * <p>One entry per model (by identity), in first-seen order: insert then update stays an insert,
 * insert then delete cancels out, otherwise the later operation wins. Not thread-safe, like the
 * session that owns it.
 */
public final class ModelChangeRecorder implements Interceptor {
    private final ModelChangeListeners listeners;
    private final Map<Object, Entry> entries = new IdentityHashMap<>();
    private final List<Entry> order = new ArrayList<>();
    private boolean notifyingBefore;

    ModelChangeRecorder(ModelChangeListeners listeners) {
        this.listeners = listeners;
    }

    @Override
    public boolean onPersist(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        record(entity, Operation.INSERT);
        return false;
    }

    @Override
    public boolean onFlushDirty(Object entity, Object id, Object[] currentState, Object[] previousState,
            String[] propertyNames, Type[] types) {
        record(entity, Operation.UPDATE);
        return false;
    }

    @Override
    public void onRemove(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
        record(entity, Operation.DELETE);
    }

    private void record(Object model, Operation operation) {
        Entry entry = entries.get(model);
        if (entry == null) {
            entry = new Entry(model);
            entries.put(model, entry);
            order.add(entry);
        }
        entry.operation = merge(entry.operation, operation);
    }

    private static Operation merge(Operation earlier, Operation later) {
        if (earlier != Operation.INSERT) return later;
        // The row did not exist before this commit: it is still new, or it never was.
        return later == Operation.DELETE ? null : Operation.INSERT;
    }

    /**
     * Returns the pending changes, in first-seen order.
     *
     * @param managed whether the session still manages a model; a removed model that was persisted
     *     again before the flush is managed again, and Hibernate tells no interceptor about that
     */
    public List<ModelChange> changes(Predicate<Object> managed) {
        List<ModelChange> changes = new ArrayList<>(order.size());
        for (Entry entry : order) {
            Operation operation = entry.operation;
            if (operation == Operation.DELETE && managed.test(entry.model)) continue;
            if (operation == null && managed.test(entry.model)) operation = Operation.INSERT;
            if (operation != null) changes.add(new ModelChange(entry.model, operation));
        }
        return List.copyOf(changes);
    }

    /**
     * Called once every bind is flushed and before any commits: gives the pending changes, if
     * any, to the before-listeners. A listener's exception propagates, and the caller rolls back.
     */
    public void beforeCommit(Predicate<Object> managed) {
        if (notifyingBefore) {
            throw new IllegalStateException("commit() was called from a before-models-committed listener, which"
                    + " runs inside the commit. Nothing was committed: the commit in progress was rolled back."
                    + " Change models in the listener and let the commit in progress save them, or commit in"
                    + " a db.onModelsCommitted(...) listener instead.");
        }
        List<ModelChange> changes = changes(managed);
        if (changes.isEmpty()) return;
        notifyingBefore = true;
        try {
            listeners.beforeCommit(changes);
        } finally {
            notifyingBefore = false;
        }
    }

    /** Called once every bind has committed: clears the pending changes and gives them to the after-listeners. */
    public void afterCommit(Predicate<Object> managed) {
        List<ModelChange> changes = changes(managed);
        discard();
        if (!changes.isEmpty()) listeners.afterCommit(changes);
    }

    /** Forgets the pending changes: after a rollback, a failed commit or the end of the context. */
    public void discard() {
        entries.clear();
        order.clear();
    }

    /** One model's change; a null operation means it was inserted and deleted again. */
    private static final class Entry {
        private final Object model;
        private Operation operation;

        private Entry(Object model) {
            this.model = model;
        }
    }
}
