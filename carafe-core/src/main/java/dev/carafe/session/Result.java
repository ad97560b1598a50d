package dev.carafe.session;

import java.util.List;
import java.util.stream.Stream;

/**
 * The result of {@code session.execute(select)}, SQLAlchemy's {@code Result}: read it once with
 * one of its methods. Rows are fetched when a method is called, not before.
 *
 * @param <T> the type of each row
 */
public interface Result<T> {

    /**
     * Returns every row.
     *
     * @return the rows, in the select's order
     */
    List<T> all();

    /**
     * Returns the first row, fetching only that one.
     *
     * @return the first row, or {@code null} when there is none
     */
    T first();

    /**
     * Returns the only row.
     *
     * @return the row
     * @throws jakarta.persistence.NoResultException when there is no row
     * @throws jakarta.persistence.NonUniqueResultException when there is more than one
     */
    T one();

    /**
     * Returns the only row, or {@code null} when there is none.
     *
     * @return the row or {@code null}
     * @throws jakarta.persistence.NonUniqueResultException when there is more than one
     */
    T oneOrNull();

    /**
     * Streams the rows from an open cursor; close the stream (try-with-resources) to release it.
     *
     * @return the rows as a stream
     */
    Stream<T> stream();

    /**
     * Returns the first row, as SQLAlchemy's {@code scalar()}: for a select of one value, such as
     * a count, that value.
     *
     * @return the first row, or {@code null}
     */
    default T scalar() {
        return first();
    }
}
