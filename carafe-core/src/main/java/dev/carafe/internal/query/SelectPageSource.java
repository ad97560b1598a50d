package dev.carafe.internal.query;

import dev.carafe.internal.observe.ApiCall;
import dev.carafe.internal.session.BindSessions;
import dev.carafe.query.PageSource;
import dev.carafe.query.Select;
import java.util.List;
import org.hibernate.query.SelectionQuery;

/** The rows of a select as a {@link PageSource}: limit/offset for the items, Hibernate's count for the total. */
public final class SelectPageSource<T> implements PageSource<T> {
    private final BindSessions session;
    private final Select<T> select;

    public SelectPageSource(BindSessions session, Select<T> select) {
        this.session = session;
        this.select = select.unpaged();
    }

    @Override
    public List<T> items(long offset, int limit) {
        try (ApiCall ignored = ApiCall.enter()) {
            SelectionQuery<T> query = select.createUnpagedQuery(session.sessionForSelect(select));
            return query.setFirstResult((int) offset).setMaxResults(limit).getResultList();
        }
    }

    @Override
    public long count() {
        try (ApiCall ignored = ApiCall.enter()) {
            return select.count(session.sessionForSelect(select));
        }
    }
}
