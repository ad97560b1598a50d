package dev.carafe.pagination.internal;

import dev.carafe.observe.internal.ApiCall;
import dev.carafe.pagination.PageSource;
import dev.carafe.query.internal.ModelSelect;
import dev.carafe.query.internal.SelectQueries;
import dev.carafe.session.internal.BindSessions;
import java.util.List;

/**
 * The rows of a select as a {@link PageSource}: limit and offset for the items, a count query for
 * the total.
 *
 * @param <T> the row type
 */
final class SelectPageSource<T> implements PageSource<T> {
    private final BindSessions session;
    private final ModelSelect<T> select;

    SelectPageSource(BindSessions session, ModelSelect<T> select) {
        this.session = session;
        this.select = select.unpaged();
    }

    @Override
    public List<T> items(long offset, int limit) {
        try (ApiCall ignored = ApiCall.enter()) {
            return SelectQueries.unpaged(session.readerForSelect(select), select)
                    .setFirstResult((int) offset).setMaxResults(limit).getResultList();
        }
    }

    @Override
    public long count() {
        return session.count(select);
    }
}
