package dev.carafe.observe.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application line that called into Carafe, kept for the statements that run during the call.
 * Carafe's methods that run statements open one; a statement then takes its location from it
 * instead of capturing the whole stack (a web request's is about 100 frames deep). Statements run
 * outside such a call, such as lazy loads from the application's own code, capture the stack.
 *
 * <pre>{@code
 * try (ApiCall ignored = ApiCall.enter()) {
 *     return session.find(type, id);
 * }
 * }</pre>
 *
 * <p>Costs one volatile read when no Carafe instance watches statement locations.
 */
public final class ApiCall implements AutoCloseable {
    private static final AtomicInteger WATCHERS = new AtomicInteger();
    private static final ThreadLocal<CodeLocation> CURRENT = new ThreadLocal<>();
    private static final ApiCall OUTERMOST = new ApiCall();
    private static final ApiCall NESTED = new ApiCall();

    private ApiCall() {}

    /**
     * Starts a call: the outermost call on a thread names its caller, nested calls keep it.
     *
     * @return the call, to close in a finally block
     */
    public static ApiCall enter() {
        if (WATCHERS.get() == 0 || CURRENT.get() != null) return NESTED;
        CURRENT.set(CodeLocation.ofCaller());
        return OUTERMOST;
    }

    /**
     * Returns the location of the call in progress on this thread.
     *
     * @return the location, or {@code null} outside a Carafe call
     */
    static CodeLocation current() {
        return CURRENT.get();
    }

    /**
     * Counts one more Carafe instance whose statements need their locations, until the returned
     * action runs (running it twice counts once).
     *
     * @return the action that stops counting it
     */
    public static Runnable watch() {
        WATCHERS.incrementAndGet();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) WATCHERS.decrementAndGet();
        };
    }

    /** Ends the call; closing a nested call does nothing. */
    @Override
    public void close() {
        if (this == OUTERMOST) CURRENT.remove();
    }
}
