package dev.carafe.observe;

import java.util.Objects;

/**
 * One model a commit inserted, updated or deleted: what the modification-tracking listeners
 * ({@link dev.carafe.Carafe#onBeforeModelsCommitted} and {@link dev.carafe.Carafe#onModelsCommitted})
 * receive, one per model per commit, in the order the session first saw each change.
 *
 * <pre>{@code
 * db.onModelsCommitted(changes -> {
 *     for (ModelChange change : changes) {
 *         if (change.model() instanceof Todo todo && change.operation() == ModelChange.Operation.INSERT) {
 *             log.info("new todo {}", todo.title);
 *         }
 *     }
 * });
 * }</pre>
 *
 * @param model the model instance, as the session manages it
 * @param operation what the commit did to its row
 */
public record ModelChange(Object model, Operation operation) {

    /**
     * Checks that both parts are given.
     *
     * @param model the model instance
     * @param operation what the commit did to its row
     */
    public ModelChange {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(operation, "operation");
    }

    /** What a commit did to a model's row: Flask-SQLAlchemy's {@code "insert"}, {@code "update"}, {@code "delete"}. */
    public enum Operation {
        /** The model is new: its row was inserted. */
        INSERT,
        /** The model existed and its row was changed. */
        UPDATE,
        /** The model existed and its row was deleted. */
        DELETE
    }
}
