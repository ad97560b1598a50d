package dev.carafe.internal.session;

import dev.carafe.CommitException;
import dev.carafe.Result;
import dev.carafe.query.Select;
import dev.carafe.Session;
import dev.carafe.internal.bind.BindRuntime;
import dev.carafe.internal.model.ModelRegistry;
import dev.carafe.internal.observe.ApiCall;
import dev.carafe.internal.observe.ModelChangeRecorder;
import dev.carafe.internal.query.ValueConverter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    private final Function<String, BindRuntime> binds;
    private final ModelRegistry models;
    private final String defaultBind;
    private final ModelChangeRecorder changes;
    private final Map<String, org.hibernate.Session> open = new LinkedHashMap<>(4);
    private boolean closed;

    /** Creates a session; {@code changes} is null when modification tracking is off. */
    public BindSessions(Function<String, BindRuntime> binds, ModelRegistry models, String defaultBind,
            ModelChangeRecorder changes) {
        this.binds = binds;
        this.models = models;
        this.defaultBind = defaultBind;
        this.changes = changes;
    }

    /** Whether any bind has been used. */
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
        return new Result<>(select.createQuery(sessionForSelect(select)), select.limit());
    }

    /** Returns the Hibernate session of the bind a select runs on. */
    public org.hibernate.Session sessionForSelect(Select<?> select) {
        if (select.bind() != null) return readerForBind(select.bind());
        String bind = models.bindOf(select.type());
        if (bind == null && select.entity() != null) bind = models.bindOf(select.entity().getJavaType());
        return readerForBind(bind != null ? bind : defaultBind);
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
        return hibernate(defaultBind);
    }

    @Override
    public org.hibernate.Session hibernate(String bindKey) {
        return sessionForBind(bindKey);
    }

    @Override
    public org.hibernate.Session hibernate(Class<?> model) {
        return sessionFor(model);
    }

    /** Returns the bind's Hibernate session with a transaction begun, opening both if needed. */
    public org.hibernate.Session sessionForBind(String bind) {
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
    public org.hibernate.Session readerForBind(String bind) {
        if (closed) {
            throw new IllegalStateException("This session belongs to a closed Carafe context. Keep using a session"
                    + " only inside its context: call db.session() inside try (DbContext ctx = db.context()) { ... }.");
        }
        org.hibernate.Session session = open.get(bind);
        if (session == null) {
            session = changes == null
                    ? binds.apply(bind).sessionFactory().openSession()
                    : binds.apply(bind).sessionFactory().withOptions().interceptor(changes).openSession();
            open.put(bind, session);
        }
        return session;
    }

    private org.hibernate.Session readerFor(Class<?> type) {
        return readerForBind(bindOf(type));
    }

    /** Returns the session of the bind a model class lives on. */
    public org.hibernate.Session sessionFor(Class<?> type) {
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
    public void close() {
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
