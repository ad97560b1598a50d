package dev.carafe;

import dev.carafe.internal.observe.ApiCall;
import jakarta.persistence.NonUniqueResultException;
import java.util.List;
import java.util.stream.Stream;
import org.hibernate.query.SelectionQuery;

/**
 * The result of {@code session.execute(select)}, SQLAlchemy's {@code Result}: read it once with
 * one of its methods. Rows are fetched when a method is called, not before.
 *
 * @param <T> the type of each row
 */
public final class Result<T> {
    private final SelectionQuery<T> query;
    private final Integer limit;

    /**
     * Wraps a Hibernate query; {@link Session#execute(dev.carafe.query.Select)} creates results.
     *
     * @param query the query, with its paging applied
     * @param limit the select's own limit, or {@code null}
     */
    public Result(SelectionQuery<T> query, Integer limit) {
        this.query = query;
        this.limit = limit;
    }

    /**
     * Returns every row.
     *
     * @return the rows, in the select's order
     */
    public List<T> all() {
        return rows();
    }

    /**
     * Returns the first row, fetching only that one.
     *
     * @return the first row, or {@code null} when there is none
     */
    public T first() {
        if (limit == null || limit > 1) query.setMaxResults(1);
        List<T> rows = rows();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Returns the only row.
     *
     * @return the row
     * @throws jakarta.persistence.NoResultException when there is no row
     * @throws NonUniqueResultException when there is more than one
     */
    public T one() {
        T row = oneOrNull();
        if (row == null) throw new jakarta.persistence.NoResultException("No row was found when one was required.");
        return row;
    }

    /**
     * Returns the only row, or {@code null} when there is none.
     *
     * @return the row or {@code null}
     * @throws NonUniqueResultException when there is more than one
     */
    public T oneOrNull() {
        if (limit == null || limit > 2) query.setMaxResults(2);
        List<T> rows = rows();
        if (rows.size() > 1) throw new NonUniqueResultException("Multiple rows were found when one or none was required.");
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * Streams the rows from an open cursor; close the stream (try-with-resources) to release it.
     *
     * @return the rows as a stream
     */
    public Stream<T> stream() {
        try (ApiCall ignored = ApiCall.enter()) {
            return query.getResultStream();
        }
    }

    private List<T> rows() {
        try (ApiCall ignored = ApiCall.enter()) {
            return query.getResultList();
        }
    }

    /**
     * Returns the first row, as SQLAlchemy's {@code scalar()}: for a select of one value, such as
     * a count, that value.
     *
     * @return the first row, or {@code null}
     */
    public T scalar() {
        return first();
    }
}
