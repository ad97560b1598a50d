package dev.carafe.session.internal;

import dev.carafe.observe.internal.ApiCall;
import dev.carafe.session.Result;
import jakarta.persistence.NoResultException;
import jakarta.persistence.NonUniqueResultException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hibernate.query.SelectionQuery;

/**
 * Carafe's {@link Result}: a Hibernate query with the select's paging applied, run when a method
 * asks for rows.
 *
 * @param <T> the type of each row
 */
final class QueryResult<T> implements Result<T> {
    private final SelectionQuery<T> query;
    private final Integer limit;
    private final UnaryOperator<RuntimeException> translate;
    private final Predicate<RuntimeException> readAgain;

    QueryResult(SelectionQuery<T> query, Integer limit, UnaryOperator<RuntimeException> translate,
            Predicate<RuntimeException> readAgain) {
        this.query = query;
        this.limit = limit;
        this.translate = translate;
        this.readAgain = readAgain;
    }

    @Override
    public List<T> all() {
        return rows();
    }

    @Override
    public T first() {
        if (limit == null || limit > 1) query.setMaxResults(1);
        List<T> rows = rows();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public T one() {
        T row = oneOrNull();
        if (row == null) throw new NoResultException("No row was found when one was required.");
        return row;
    }

    @Override
    public T oneOrNull() {
        if (limit == null || limit > 2) query.setMaxResults(2);
        List<T> rows = rows();
        if (rows.size() > 1) throw new NonUniqueResultException("Multiple rows were found when one or none was required.");
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public Stream<T> stream() {
        try (ApiCall ignored = ApiCall.enter()) {
            return query.getResultStream();
        } catch (RuntimeException e) {
            throw translate.apply(e);
        }
    }

    private List<T> rows() {
        try (ApiCall ignored = ApiCall.enter()) {
            try {
                return query.getResultList();
            } catch (RuntimeException e) {
                // A replica that died under the read: the primary answers instead.
                if (!readAgain.test(e)) throw e;
                return query.getResultList();
            }
        } catch (RuntimeException e) {
            throw translate.apply(e);
        }
    }
}
