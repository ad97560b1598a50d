package dev.carafe.query;

import org.hibernate.query.Order;
import org.hibernate.query.restriction.Restriction;

/**
 * A query for models (or, with HQL, for any values), SQLAlchemy's {@code select()}: an immutable
 * description built on Hibernate's own {@link Restriction} and {@link Order}, executed by
 * {@code session.execute(select)} on the bind of its model. Every method returns a new
 * {@code Select}; values are always bound as parameters. Obtain one from
 * {@code db.select(Post.class)} or {@code db.select(hql, Post.class)}; applications do not
 * implement this.
 *
 * <pre>{@code
 * Select<Post> recent = db.select(Post.class)
 *     .filterBy("published", true)
 *     .orderByDesc("id")
 *     .fetch("author")
 *     .limit(20);
 * List<Post> posts = db.session().scalars(recent);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of each result row
 */
public interface Select<T> {

    /**
     * Adds a Hibernate restriction, for example {@code Restriction.equal(Post_.published, true)}.
     *
     * @param restriction the restriction
     * @return the new select
     */
    Select<T> where(Restriction<? super T> restriction);

    /**
     * Keeps the rows whose attribute equals the value (SQLAlchemy's {@code filter_by}); a
     * {@code null} value matches null. A string is converted to the attribute's type, so values
     * from a request's query string work; an association takes a model or its id.
     *
     * @param attribute the attribute's name in the model
     * @param value the value, bound as a parameter
     * @return the new select
     * @throws InvalidQueryException for an attribute the model does not have, or a value that
     *     cannot be converted to its type
     */
    Select<T> filterBy(String attribute, Object value);

    /**
     * Adds a Hibernate order, for example {@code Order.desc(Post_.created)}; call it again for the
     * next one.
     *
     * @param order the order, less significant than those added before
     * @return the new select
     */
    Select<T> orderBy(Order<? super T> order);

    /**
     * Orders by attributes, ascending.
     *
     * @param attributes attribute names of the model, most significant first
     * @return the new select
     * @throws InvalidQueryException for an attribute the model does not have
     */
    Select<T> orderBy(String... attributes);

    /**
     * Orders by attributes, descending.
     *
     * @param attributes attribute names of the model, most significant first
     * @return the new select
     * @throws InvalidQueryException for an attribute the model does not have
     */
    Select<T> orderByDesc(String... attributes);

    /**
     * Loads an association in the same query (a left join fetch), so a page of posts with their
     * authors is one statement.
     *
     * @param association the association's attribute name
     * @return the new select
     * @throws InvalidQueryException for an attribute the model does not have or that is not an association
     */
    Select<T> fetch(String association);

    /**
     * Returns at most this many rows.
     *
     * @param maxRows zero or more
     * @return the new select
     */
    Select<T> limit(int maxRows);

    /**
     * Skips this many rows.
     *
     * @param skipRows zero or more
     * @return the new select
     */
    Select<T> offset(int skipRows);

    /**
     * Binds a named parameter of an HQL select.
     *
     * @param name the parameter's name, without the colon
     * @param value its value
     * @return the new select
     * @throws IllegalStateException for a select built from a model rather than HQL
     */
    Select<T> param(String name, Object value);

    /**
     * Runs this select on the given bind instead of the model's; HQL selects of plain values run
     * on the default bind unless told otherwise.
     *
     * @param bindKey a configured bind key
     * @return the new select
     */
    Select<T> onBind(String bindKey);

    /**
     * Returns the type of each result row.
     *
     * @return the row type
     */
    Class<T> type();

    /**
     * Returns the limit.
     *
     * @return the limit, or {@code null} when unlimited
     */
    Integer limit();

    /**
     * Returns the offset.
     *
     * @return the offset, or {@code null} when none
     */
    Integer offset();
}
