package dev.carafe.session.internal;

import dev.carafe.error.NotFoundException;
import dev.carafe.model.internal.ModelRegistry;
import dev.carafe.query.Select;
import jakarta.persistence.NonUniqueResultException;

/**
 * The view helpers that raise a 404 instead of returning nothing: {@code getOr404},
 * {@code firstOr404}, {@code oneOr404}. They run on the current context's session. Thread-safe.
 */
public final class RowLookups {
    private final Contexts contexts;
    private final ModelRegistry models;

    /**
     * Creates the helpers.
     *
     * @param contexts where the current session comes from
     * @param models the registered models
     */
    public RowLookups(Contexts contexts, ModelRegistry models) {
        this.contexts = contexts;
        this.models = models;
    }

    /**
     * Returns the model with this primary key, or raises a 404.
     *
     * @param model a registered model class
     * @param id the primary key; a string that is not a valid id also gives 404
     * @param description shown to the client, or {@code null} for the default
     * @param <T> the model type
     * @return the model
     * @throws NotFoundException when there is none
     */
    public <T> T getOr404(Class<T> model, Object id, String description) {
        T found;
        try {
            found = contexts.current().session().get(model, id);
        } catch (IllegalArgumentException e) {
            if (models.bindOf(model) == null) throw e;
            throw new NotFoundException(description);
        }
        if (found == null) throw new NotFoundException(description);
        return found;
    }

    /**
     * Returns the first row of a select, or raises a 404 when there is none (or it is null).
     *
     * @param select the select
     * @param description shown to the client, or {@code null} for the default
     * @param <T> the row type
     * @return the first row
     * @throws NotFoundException when there is none
     */
    public <T> T firstOr404(Select<T> select, String description) {
        T first = contexts.current().session().execute(select).first();
        if (first == null) throw new NotFoundException(description);
        return first;
    }

    /**
     * Returns the only row of a select, or raises a 404 for none and for several.
     *
     * @param select the select
     * @param description shown to the client, or {@code null} for the default
     * @param <T> the row type
     * @return the row
     * @throws NotFoundException when there is not exactly one row
     */
    public <T> T oneOr404(Select<T> select, String description) {
        try {
            T row = contexts.current().session().execute(select).oneOrNull();
            if (row == null) throw new NotFoundException(description);
            return row;
        } catch (NonUniqueResultException e) {
            throw new NotFoundException(description);
        }
    }
}
