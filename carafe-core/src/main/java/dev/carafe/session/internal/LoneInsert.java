package dev.carafe.session.internal;

import org.hibernate.engine.spi.ActionQueue;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.event.spi.EventSource;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Recognises a Hibernate session outside a transaction whose pending work is exactly one INSERT
 * statement: one insert queued, no other action, no other entity it manages (so none can be dirty),
 * no collection with elements to write, and a model kept in one table. Such work is its own
 * transaction and may run in autocommit.
 */
final class LoneInsert {
    private LoneInsert() {}

    /**
     * Tells whether the session holds writes back: actions queued outside a transaction.
     *
     * @param session a Hibernate session
     * @return whether a flush would write
     */
    static boolean hasPendingWrites(org.hibernate.Session session) {
        return session.unwrap(EventSource.class).getActionQueue().hasAnyQueuedActions();
    }

    /**
     * Tells whether the session's pending work is one INSERT statement and nothing else.
     *
     * @param session a Hibernate session
     * @return whether flushing it in autocommit writes exactly that one statement
     */
    static boolean isAlone(org.hibernate.Session session) {
        if (session.getTransaction().isActive()) return false;
        EventSource implementor = session.unwrap(EventSource.class);
        ActionQueue actions = implementor.getActionQueue();
        if (actions.numberOfInsertions() != 1 || actions.numberOfUpdates() != 0 || actions.numberOfDeletions() != 0
                || actions.numberOfCollectionCreations() != 0 || actions.numberOfCollectionUpdates() != 0
                || actions.numberOfCollectionRemovals() != 0) {
            return false;
        }
        PersistenceContext context = implementor.getPersistenceContextInternal();
        if (context.getNumberOfManagedEntities() != 1) return false;
        boolean[] elements = {false};
        context.forEachCollectionEntry((collection, entry) -> elements[0] |= !collection.empty(), false);
        if (elements[0]) return false;
        EntityPersister persister = context.reentrantSafeEntityEntries()[0].getValue().getPersister();
        return persister instanceof AbstractEntityPersister single && single.getTableSpan() == 1;
    }

    /**
     * Ends a lone insert as Hibernate ends any operation outside a transaction: its connection goes
     * back to the pool. A flush does not do this by itself, and the connection would otherwise stay
     * with the context until it closes, through the rendering of the response.
     *
     * @param session the Hibernate session whose lone insert was flushed
     */
    static void finish(org.hibernate.Session session) {
        session.unwrap(EventSource.class).getJdbcCoordinator().afterTransaction();
    }
}
