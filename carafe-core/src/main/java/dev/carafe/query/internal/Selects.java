package dev.carafe.query.internal;

import dev.carafe.bind.internal.BindSet;
import dev.carafe.model.internal.ModelRegistry;
import dev.carafe.query.Select;
import jakarta.persistence.metamodel.EntityType;

/**
 * Starts selects of the registered models, with each model's metamodel from its bind: the
 * feature behind {@code db.select(...)}. Thread-safe.
 */
public final class Selects {
    private final BindSet binds;
    private final ModelRegistry models;

    /**
     * Creates the feature.
     *
     * @param binds where each model's metamodel lives
     * @param models which bind each model lives on
     */
    public Selects(BindSet binds, ModelRegistry models) {
        this.binds = binds;
        this.models = models;
    }

    /**
     * Starts a select of every row of a model.
     *
     * @param model a registered model class
     * @param <T> the model type
     * @return the select
     */
    public <T> Select<T> select(Class<T> model) {
        return ModelSelect.of(entity(model));
    }

    /**
     * Starts a select from HQL.
     *
     * @param hql the query
     * @param type the type of each row: a model, or a value type
     * @param <T> the row type
     * @return the select
     */
    public <T> Select<T> select(String hql, Class<T> type) {
        return ModelSelect.ofHql(hql, type, models.bindOf(type) == null ? null : entity(type));
    }

    /**
     * Returns the bind a model lives on.
     *
     * @param model a registered model class
     * @return its bind key
     * @throws IllegalArgumentException for a class that is not a registered model
     */
    public String bindOf(Class<?> model) {
        String bind = models.bindOf(model);
        if (bind == null) {
            throw new IllegalArgumentException("'" + model.getName() + "' is not a model of this Carafe instance.");
        }
        return bind;
    }

    private <T> EntityType<T> entity(Class<T> model) {
        return binds.get(bindOf(model)).sessionFactory().getMetamodel().entity(model);
    }
}
