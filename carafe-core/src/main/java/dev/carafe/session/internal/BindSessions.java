package dev.carafe.session.internal;

import dev.carafe.bind.Binds;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.model.internal.ModelRegistry;
import dev.carafe.observe.internal.ApiCall;
import dev.carafe.observe.internal.ModelChangeRecorder;
import dev.carafe.query.Select;
import dev.carafe.query.internal.ModelSelect;
import dev.carafe.query.internal.SelectQueries;
import dev.carafe.query.internal.ValueConverter;
import dev.carafe.session.CommitException;
import dev.carafe.session.Result;
import dev.carafe.session.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Transaction;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;


/**
 * Carafe's {@link Session}: one Hibernate session per bind, opened on the bind's first use and
 * kept in first-use order, which is also the commit order. With modification tracking on, every
 * Hibernate session it opens reports to one {@link ModelChangeRecorder}, so a commit signals the
 * changes of all binds together.
 */
public final class BindSessions implements Session {
    private final BindSet binds;
    private final ModelRegistry models;
    private final ModelChangeRecorder changes;
    private final Map<String, org.hibernate.Session> open = new LinkedHashMap<>(4);
    private boolean closed;

    /**
     * Creates a session.
     *
     * @param binds the binds its Hibernate sessions come from
     * @param models which bind each model lives on
     * @param changes where changes are tracked, or {@code null} when modification tracking is off
     */
    public BindSessions(BindSet binds, ModelRegistry models, ModelChangeRecorder changes) {
        this.binds = binds;
        this.models = models;
        this.changes = changes;
    }

    /**
     * Tells whether any bind has been used.
     *
     * @return whether a Hibernate session was opened
     */
    public boolean touchedAnyBind() {
        return !open.isEmpty();
    }

    @Override
    public <T> T add(T model) {
        try (ApiCall ignored = ApiCall.enter()) {
            org.hibernate.Session session = sessionFor(model.getClass());
            if (session.contains(model)) return model;
            SessionImplementor implementor = session.unwrap(SessionImplementor.class);
            EntityPersister persister = implementor.getEntityPersister(null, model);
            // Unknown (an assigned id and no version) counts as new: add() inserts, as SQLAlchemy's
            // does, and a duplicate key fails at flush instead of silently updating another row.
            Boolean isTransient = persister.isTransient(model, implementor);
            if (isTransient == null || isTransient) {
                session.persist(model);
                return model;
            }
            return session.merge(model);
        }
    }

    @Override
    public void addAll(Collection<?> models) {
        models.forEach(this::add);
    }

    @Override
    public void delete(Object model) {
        try (ApiCall ignored = ApiCall.enter()) {
            org.hibernate.Session session = sessionFor(model.getClass());
            session.remove(session.contains(model) ? model : session.merge(model));
        }
    }

    @Override
    public <T> T get(Class<T> type, Object id) {
        try (ApiCall ignored = ApiCall.enter()) {
            org.hibernate.Session session = readerFor(type);
            Class<?> idType = session.getSessionFactory().getMetamodel().entity(type).getIdType().getJavaType();
            Object converted = ValueConverter.convert(idType, id);
            if (converted == null) {
                throw new IllegalArgumentException("'" + id + "' is not a valid id for " + type.getSimpleName()
                        + ": its id is a " + idType.getSimpleName() + ".");
            }
            return session.find(type, converted);
        }
    }

    @Override
    public <T> Result<T> execute(Select<T> select) {
        ModelSelect<T> model = ModelSelect.of(select);
        return new QueryResult<>(SelectQueries.paged(readerForSelect(model), model), model.limit());
    }

    /**
     * Counts the rows of a select, ignoring its limit, offset and order.
     *
     * @param select the select
     * @return the count
     */
    public long count(Select<?> select) {
        ModelSelect<?> model = ModelSelect.of(select);
        try (ApiCall ignored = ApiCall.enter()) {
            return SelectQueries.count(readerForSelect(model), model);
        }
    }

    /**
     * Returns the Hibernate session of the bind a select runs on, for reading.
     *
     * @param select the select
     * @return the session, opened if needed
     */
    public org.hibernate.Session readerForSelect(ModelSelect<?> select) {
        if (select.bindKey() != null) return readerForBind(select.bindKey());
        String bind = models.bindOf(select.type());
        if (bind == null && select.entity() != null) bind = models.bindOf(select.entity().getJavaType());
        return readerForBind(bind != null ? bind : Binds.DEFAULT);
    }

    @Override
    public void refresh(Object model) {
        try (ApiCall ignored = ApiCall.enter()) {
            readerFor(model.getClass()).refresh(model);
        }
    }

    @Override
    public boolean contains(Object model) {
        String bind = models.bindOf(model.getClass());
        org.hibernate.Session session = bind == null ? null : open.get(bind);
        return session != null && session.contains(model);
    }

    @Override
    public void expunge(Object model) {
        String bind = models.bindOf(model.getClass());
        org.hibernate.Session session = bind == null ? null : open.get(bind);
        if (session != null) session.detach(model);
    }

    @Override
    public void flush() {
        try (ApiCall ignored = ApiCall.enter()) {
            open.values().forEach(BindSessions::flushIfNeeded);
        }
    }

    private static void flushIfNeeded(org.hibernate.Session session) {
        Transaction transaction = session.getTransaction();
        // Models loaded in an earlier transaction stay managed; a change made to one after a
        // commit is saved by the next flush or commit, as in SQLAlchemy.
        if (!transaction.isActive() && session.isDirty()) transaction.begin();
        if (transaction.isActive()) session.flush();
    }

    @Override
    public void commit() {
        List<String> committed = new ArrayList<>();
        String current = null;
        // The listeners run outside the call: statements they run belong to their own lines.
        try (ApiCall ignored = ApiCall.enter()) {
            for (Map.Entry<String, org.hibernate.Session> entry : open.entrySet()) {
                current = entry.getKey();
                flushIfNeeded(entry.getValue());
            }
        } catch (RuntimeException e) {
            throw failedCommit(current, committed, e);
        }
        if (changes != null) signalBeforeCommit();
        try (ApiCall ignored = ApiCall.enter()) {
            for (Map.Entry<String, org.hibernate.Session> entry : open.entrySet()) {
                current = entry.getKey();
                Transaction transaction = entry.getValue().getTransaction();
                if (transaction.isActive()) {
                    transaction.commit();
                    committed.add(current);
                }
            }
        } catch (RuntimeException e) {
            throw failedCommit(current, committed, e);
        }
        if (changes != null) changes.afterCommit(this::contains);
    }

    private void signalBeforeCommit() {
        try {
            changes.beforeCommit(this::contains);
        } catch (RuntimeException | Error e) {
            // A before-listener vetoes the commit: nothing of it may reach the database.
            try {
                rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    private CommitException failedCommit(String bind, List<String> committed, RuntimeException cause) {
        CommitException failure = new CommitException(bind, committed, cause);
        try {
            closeAll();
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
        return failure;
    }

    @Override
    public void rollback() {
        if (changes != null) changes.discard();
        RuntimeException failure = null;
        for (org.hibernate.Session session : open.values()) {
            try {
                if (session.getTransaction().isActive()) session.getTransaction().rollback();
                session.clear();
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    @Override
    public org.hibernate.Session hibernate() {
        return hibernate(Binds.DEFAULT);
    }

    @Override
    public org.hibernate.Session hibernate(String bindKey) {
        return sessionForBind(bindKey);
    }

    @Override
    public org.hibernate.Session hibernate(Class<?> model) {
        return sessionFor(model);
    }

    private org.hibernate.Session sessionForBind(String bind) {
        org.hibernate.Session session = readerForBind(bind);
        Transaction transaction = session.getTransaction();
        if (!transaction.isActive()) transaction.begin();
        return session;
    }

    /**
     * Returns the bind's Hibernate session for reading, opening it if needed. Until something is
     * written, a bind's statements run in autocommit: a request that only reads costs one round
     * trip per statement, with no BEGIN and no ROLLBACK; the first write begins a transaction.
     */
    private org.hibernate.Session readerForBind(String bind) {
        if (closed) {
            throw new IllegalStateException("This session belongs to a closed Carafe context. Keep using a session"
                    + " only inside its context: call db.session() inside try (DbContext ctx = db.context()) { ... }.");
        }
        org.hibernate.Session session = open.get(bind);
        if (session == null) {
            session = changes == null
                    ? binds.get(bind).sessionFactory().openSession()
                    : binds.get(bind).sessionFactory().withOptions().interceptor(changes).openSession();
            open.put(bind, session);
        }
        return session;
    }

    private org.hibernate.Session readerFor(Class<?> type) {
        return readerForBind(bindOf(type));
    }

    private org.hibernate.Session sessionFor(Class<?> type) {
        return sessionForBind(bindOf(type));
    }

    private String bindOf(Class<?> type) {
        String bind = models.bindOf(type);
        if (bind == null) {
            throw new IllegalArgumentException("'" + type.getName() + "' is not a model of this Carafe instance."
                    + " Register it with Carafe.builder().models(...) or .scan(...); registered models: "
                    + models.models().stream().map(Class::getSimpleName).sorted().toList() + ".");
        }
        return bind;
    }

    /** Rolls back and closes every bind's session, returning their connections to the pools. */
    void close() {
        closed = true;
        closeAll();
    }

    private void closeAll() {
        if (changes != null) changes.discard();
        RuntimeException failure = null;
        for (org.hibernate.Session session : open.values()) {
            try {
                try {
                    if (session.isOpen() && session.getTransaction().isActive()) session.getTransaction().rollback();
                } finally {
                    if (session.isOpen()) session.close();
                }
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        open.clear();
        if (failure != null) throw failure;
    }

    @Override
    public String toString() {
        return "<Session binds=" + open.keySet() + ">";
    }
}
