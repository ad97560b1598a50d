package dev.carafe.isolation.internal;

import dev.carafe.isolation.ExecutedStatement;
import dev.carafe.isolation.StatementLog;
import dev.carafe.observe.internal.CodeLocation;
import java.util.ArrayList;
import java.util.List;

/** A {@link StatementLog}: every statement of every thread while open, its location named when read. */
final class RecordingLog implements StatementLog {
    private final ActiveIsolation isolation;
    private final List<Executed> executed = new ArrayList<>();

    /** One execution, kept until the statements are read. */
    private record Executed(String bind, String statement, CodeLocation location, String thread) {}

    RecordingLog(ActiveIsolation isolation) {
        this.isolation = isolation;
    }

    synchronized void add(String bind, String statement, CodeLocation location, String thread) {
        executed.add(new Executed(bind, statement, location, thread));
    }

    @Override
    public List<ExecutedStatement> statements() {
        List<Executed> copy;
        synchronized (this) {
            copy = List.copyOf(executed);
        }
        return copy.stream()
                .map(e -> new ExecutedStatement(e.bind(), e.statement(), e.location().get(), e.thread())).toList();
    }

    @Override
    public void close() {
        isolation.stopRecording(this);
    }
}
