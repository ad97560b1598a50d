package dev.carafe.session;

import dev.carafe.query.Select;
import java.util.Collection;
import java.util.List;

/**
 * The unit of work of one {@link DbContext}, Flask-SQLAlchemy's {@code db.session}. Each operation
 * goes to the bind of the model involved; a bind's Hibernate session, transaction and connection
 * are opened when the bind is first used, so a context that never touches the database takes no
 * connection. {@link #commit()} commits every bind touched; closing the context rolls back
 * whatever was not committed.
 *
 * <pre>{@code
 * try (DbContext ctx = db.context()) {
 *     Session session = db.session();
 *     session.add(new Todo("write docs"));
 *     session.commit();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: a session belongs to its context, and a context to one request or job.
 */
public interface Session {

    /**
     * Adds a model to the session (persisting a new one, or merging a detached one); it is written
     * at the next flush, query or commit, so a new model's generated id is set from then on. Inside
     * {@code inTransaction} and {@code useTransaction} a new row is inserted at once. A context whose
     * only write is one new row commits it as one autocommit INSERT: one round trip.
     *
     * @param model a registered model instance
     * @param <T> the model type
     * @return the managed instance: {@code model} itself, unless a detached copy had to be merged
     */
    <T> T add(T model);

    /**
     * Adds several models, as {@link #add(Object)} does each.
     *
     * @param models registered model instances
     */
    void addAll(Collection<?> models);

    /**
     * Marks a model for deletion at the next flush or commit.
     *
     * @param model a model instance, managed or detached
     */
    void delete(Object model);

    /**
     * Returns the model with this primary key, from the session's identity map when it is already
     * loaded, else from the database. A numeric or string id is converted to the model's id type.
     *
     * @param type the model class
     * @param id the primary key
     * @param <T> the model type
     * @return the model, or {@code null} when there is none
     * @throws IllegalArgumentException when {@code id} cannot be converted to the model's id type
     */
    <T> T get(Class<T> type, Object id);

    /**
     * Reloads a model's state from the database, discarding unflushed changes to it.
     *
     * @param model a managed model
     */
    void refresh(Object model);

    /**
     * Tells whether a model instance is managed by this session.
     *
     * @param model a model instance
     * @return whether the session manages it
     */
    boolean contains(Object model);

    /**
     * Detaches a model from the session (SQLAlchemy's {@code expunge}); later changes to it are not saved.
     *
     * @param model a managed model
     */
    void expunge(Object model);

    /**
     * Runs a select on its bind (the model's, or the one chosen with {@code onBind}; HQL selects of
     * plain values run on the default bind).
     *
     * @param select the select
     * @param <T> the row type
     * @return the result, read with {@code all()}, {@code first()}, {@code one()} and friends
     */
    <T> Result<T> execute(Select<T> select);

    /**
     * Runs a select and returns every row, SQLAlchemy's {@code session.scalars(select).all()}.
     *
     * @param select the select
     * @param <T> the row type
     * @return the rows
     */
    default <T> List<T> scalars(Select<T> select) {
        return execute(select).all();
    }

    /**
     * Runs a select and returns its first row, SQLAlchemy's {@code session.scalar(select)}.
     *
     * @param select the select
     * @param <T> the row type
     * @return the first row, or {@code null}
     */
    default <T> T scalar(Select<T> select) {
        return execute(select).scalar();
    }

    /** Writes pending changes of every bind touched to the database, without committing. */
    void flush();

    /**
     * Commits every bind touched, in the order first used. Every bind is flushed first, so a
     * constraint violation found by a flush commits nothing. The next operation begins a new
     * transaction. With modification tracking on, the changed models go to the
     * {@linkplain dev.carafe.Carafe#onBeforeModelsCommitted before-listeners} once every bind is flushed, and to
     * the {@linkplain dev.carafe.Carafe#onModelsCommitted after-listeners} once every bind has committed.
     *
     * @throws CommitException naming the bind that failed and the binds already committed
     * @throws RuntimeException what a before-listener threw, after rolling back every bind
     */
    void commit();

    /** Rolls back every bind touched, detaches every loaded model and forgets the changes tracked so far. */
    void rollback();

    /**
     * Returns the Hibernate session of the default bind, for everything Carafe does not wrap.
     *
     * @return the bind's Hibernate session, with its transaction begun
     */
    org.hibernate.Session hibernate();

    /**
     * Returns the Hibernate session of a bind, for everything Carafe does not wrap (native SQL
     * runs where you send it: on the default bind unless you pick another).
     *
     * @param bindKey a configured bind key
     * @return the bind's Hibernate session, with its transaction begun
     * @throws IllegalArgumentException for a bind that is not configured
     */
    org.hibernate.Session hibernate(String bindKey);

    /**
     * Returns the Hibernate session of the bind a model lives on.
     *
     * @param model a registered model class
     * @return the bind's Hibernate session, with its transaction begun
     */
    org.hibernate.Session hibernate(Class<?> model);
}
