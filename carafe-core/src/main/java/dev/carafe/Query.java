package dev.carafe;

import dev.carafe.query.Select;
import dev.carafe.pagination.PageRequest;
import dev.carafe.pagination.Pagination;
import java.util.List;
import org.hibernate.query.Order;
import org.hibernate.query.restriction.Restriction;

/**
 * The fluent per-model query of the common case, in the spirit of Flask-SQLAlchemy's
 * {@code Model.query}: build it with {@code db.query(User.class)}, refine it, and end it with a
 * verb that runs it in the current context's session.
 *
 * <pre>{@code
 * User user = db.query(User.class).filterBy("username", name).first();
 * Pagination<Post> page = db.query(Post.class).orderByDesc("created").fetch("author").paginate();
 * }</pre>
 *
 * <p>Immutable: each refining method returns a new query. Running one needs a current context.
 *
 * @param <T> the model type
 */
public final class Query<T> {
    private final Carafe db;
    private final Select<T> select;

    Query(Carafe db, Select<T> select) {
        this.db = db;
        this.select = select;
    }

    /**
     * Keeps the rows whose attribute equals the value.
     *
     * @param attribute an attribute of the model
     * @param value the value, bound as a parameter
     * @return the new query
     */
    public Query<T> filterBy(String attribute, Object value) {
        return new Query<>(db, select.filterBy(attribute, value));
    }

    /**
     * Adds a Hibernate restriction.
     *
     * @param restriction the restriction
     * @return the new query
     */
    public Query<T> where(Restriction<? super T> restriction) {
        return new Query<>(db, select.where(restriction));
    }

    /**
     * Orders by attributes, ascending.
     *
     * @param attributes attributes of the model
     * @return the new query
     */
    public Query<T> orderBy(String... attributes) {
        return new Query<>(db, select.orderBy(attributes));
    }

    /**
     * Orders by attributes, descending.
     *
     * @param attributes attributes of the model
     * @return the new query
     */
    public Query<T> orderByDesc(String... attributes) {
        return new Query<>(db, select.orderByDesc(attributes));
    }

    /**
     * Adds Hibernate orders.
     *
     * @param orders the orders
     * @return the new query
     */
    @SafeVarargs
    public final Query<T> orderBy(Order<? super T>... orders) {
        Select<T> ordered = select;
        for (Order<? super T> order : orders) ordered = ordered.orderBy(order);
        return new Query<>(db, ordered);
    }

    /**
     * Loads an association in the same statement.
     *
     * @param association the association's attribute name
     * @return the new query
     */
    public Query<T> fetch(String association) {
        return new Query<>(db, select.fetch(association));
    }

    /**
     * Returns at most this many rows.
     *
     * @param maxRows zero or more
     * @return the new query
     */
    public Query<T> limit(int maxRows) {
        return new Query<>(db, select.limit(maxRows));
    }

    /**
     * Skips this many rows.
     *
     * @param skipRows zero or more
     * @return the new query
     */
    public Query<T> offset(int skipRows) {
        return new Query<>(db, select.offset(skipRows));
    }

    /**
     * Returns the select this query stands for.
     *
     * @return the select
     */
    public Select<T> select() {
        return select;
    }

    /**
     * Returns every row.
     *
     * @return the rows
     */
    public List<T> all() {
        return db.session().scalars(select);
    }

    /**
     * Returns the first row.
     *
     * @return the first row, or {@code null}
     */
    public T first() {
        return db.session().execute(select).first();
    }

    /**
     * Returns the only row.
     *
     * @return the row
     * @throws jakarta.persistence.NoResultException when there is none
     * @throws jakarta.persistence.NonUniqueResultException when there are several
     */
    public T one() {
        return db.session().execute(select).one();
    }

    /**
     * Returns the only row or {@code null}.
     *
     * @return the row or {@code null}
     * @throws jakarta.persistence.NonUniqueResultException when there are several
     */
    public T oneOrNull() {
        return db.session().execute(select).oneOrNull();
    }

    /**
     * Counts the rows, ignoring limit, offset and order.
     *
     * @return the count
     */
    public long count() {
        return db.count(select);
    }

    /**
     * Returns the model with this primary key.
     *
     * @param id the primary key
     * @return the model, or {@code null}
     */
    public T get(Object id) {
        return db.session().get(select.type(), id);
    }

    /**
     * Returns the model with this primary key, or raises 404.
     *
     * @param id the primary key
     * @return the model
     * @throws dev.carafe.error.NotFoundException when there is none
     */
    public T getOr404(Object id) {
        return db.getOr404(select.type(), id);
    }

    /**
     * Returns the model with this primary key, or raises 404 with a description.
     *
     * @param id the primary key
     * @param description shown to the client
     * @return the model
     */
    public T getOr404(Object id, String description) {
        return db.getOr404(select.type(), id, description);
    }

    /**
     * Returns the first row, or raises 404.
     *
     * @return the first row
     */
    public T firstOr404() {
        return db.firstOr404(select);
    }

    /**
     * Returns the first row, or raises 404 with a description.
     *
     * @param description shown to the client
     * @return the first row
     */
    public T firstOr404(String description) {
        return db.firstOr404(select, description);
    }

    /**
     * Returns the only row, or raises 404 for none or several.
     *
     * @return the row
     */
    public T oneOr404() {
        return db.oneOr404(select);
    }

    /**
     * Returns the only row, or raises 404 with a description for none or several.
     *
     * @param description shown to the client
     * @return the row
     */
    public T oneOr404(String description) {
        return db.oneOr404(select, description);
    }

    /**
     * Returns a page, with page and per-page from the request's query string.
     *
     * @return the page
     */
    public Pagination<T> paginate() {
        return db.paginate(select);
    }

    /**
     * Returns a page.
     *
     * @param request the pagination arguments
     * @return the page
     */
    public Pagination<T> paginate(PageRequest request) {
        return db.paginate(select, request);
    }

    @Override
    public String toString() {
        return "Query{" + select + "}";
    }
}
