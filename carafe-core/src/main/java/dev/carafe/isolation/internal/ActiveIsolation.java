package dev.carafe.isolation.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.error.CarafeException;
import dev.carafe.isolation.Isolation;
import dev.carafe.isolation.Leak;
import dev.carafe.isolation.StatementLog;
import dev.carafe.observe.NPlusOneMode;
import dev.carafe.observe.internal.CodeLocation;
import dev.carafe.observe.internal.Observers;
import dev.carafe.session.DbContext;
import dev.carafe.session.internal.ContextWatcher;
import dev.carafe.session.internal.Contexts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carafe's {@link Isolation}: a pin on every bind, and what the test opened, ran and ran into. It
 * watches the contexts opened while it lasts, with where each was opened.
 */
final class ActiveIsolation implements Isolation, ContextWatcher {
    private final Isolations isolations;
    private final Contexts contexts;
    private final Observers observers;
    private final Thread owner = Thread.currentThread();
    private final List<PinnedConnection> pins = new ArrayList<>();
    private final Map<DbContext, Opening> opened = new ConcurrentHashMap<>();
    private final List<RecordingLog> logs = new CopyOnWriteArrayList<>();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private boolean closed;

    /** Where and when a context was opened. */
    private record Opening(long sequence, CodeLocation location, String thread, boolean forRequest) {}

    ActiveIsolation(Isolations isolations, List<Bind> binds, Contexts contexts, Observers observers) {
        this.isolations = isolations;
        this.contexts = contexts;
        this.observers = observers;
        for (Bind bind : binds) pins.add(new PinnedConnection(bind, this));
        contexts.watch(this);
        for (PinnedConnection pin : pins) pin.bind().pin(pin);
    }

    String ownerName() {
        return owner.getName();
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    @Override
    public void opened(DbContext context, boolean forRequest) {
        // A request's context is opened by the web integration: no frame of the application to name.
        CodeLocation location = forRequest ? null : CodeLocation.capture();
        opened.put(context, new Opening(nextSequence(), location, Thread.currentThread().getName(), forRequest));
    }

    @Override
    public void closed(DbContext context) {
        opened.remove(context);
    }

    @Override
    public StatementLog recordStatements() {
        RecordingLog log = new RecordingLog(this);
        logs.add(log);
        return log;
    }

    void stopRecording(RecordingLog log) {
        logs.remove(log);
    }

    void executed(String bind, String statement) {
        if (logs.isEmpty()) return;
        CodeLocation location = CodeLocation.capture();
        String thread = Thread.currentThread().getName();
        for (RecordingLog log : logs) log.add(bind, statement, location, thread);
    }

    void failed(RuntimeException failure) {
        if (failure instanceof CarafeException && Thread.currentThread() != owner) failures.add(failure);
    }

    @Override
    public void nPlusOne(NPlusOneMode mode) {
        observers.overrideNPlusOne(mode);
    }

    @Override
    public List<Leak> leaks() {
        List<Leak> leaks = new ArrayList<>();
        opened.values().stream().sorted(Comparator.comparingLong(Opening::sequence)).forEach(opening -> leaks.add(
                new Leak(opening.forRequest() ? Leak.Kind.REQUEST_CONTEXT : Leak.Kind.CONTEXT, null,
                        opening.forRequest() ? null : opening.location().get(), opening.thread())));
        for (PinnedConnection pin : pins) leaks.addAll(pin.leaks());
        return leaks;
    }

    @Override
    public List<RuntimeException> failuresOnOtherThreads() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        RuntimeException failure = null;
        try {
            contexts.watch(null);
            observers.overrideNPlusOne(null);
            logs.clear();
            failure = closeLeftOpen();
            for (PinnedConnection pin : pins) pin.bind().unpin();
            for (PinnedConnection pin : pins) failure = collect(failure, () -> endPin(pin));
        } finally {
            isolations.ended(this);
        }
        if (failure != null) throw failure;
    }

    private RuntimeException closeLeftOpen() {
        RuntimeException failure = null;
        List<Map.Entry<DbContext, Opening>> left = new ArrayList<>(opened.entrySet());
        left.sort(Comparator.comparingLong(entry -> -entry.getValue().sequence()));
        for (Map.Entry<DbContext, Opening> entry : left) failure = collect(failure, entry.getKey()::close);
        opened.clear();
        return failure;
    }

    private void endPin(PinnedConnection pin) {
        try {
            pin.end();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Bind '" + pin.bindKey() + "': could not roll back the test's transaction: "
                    + e.getMessage(), e);
        }
        String committed = pin.implicitCommit();
        if (committed != null) isolations.fellBack(pin.bind(), committed);
    }

    private static RuntimeException collect(RuntimeException failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (failure == null) return e;
            failure.addSuppressed(e);
        }
        return failure;
    }

    @Override
    public String toString() {
        return "<Isolation of " + pins.size() + " binds, begun on thread '" + owner.getName() + "'>";
    }
}
