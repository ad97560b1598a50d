package dev.carafe.session;


/**
 * Where the current {@link DbContext} lives, so that {@link dev.carafe.Carafe#session()} can find it. The
 * default keeps a stack of contexts per thread; the web plugins bind the context to the request
 * instead, so asynchronous handlers and virtual threads keep it. Implementations must be
 * thread-safe.
 */
public interface ContextScope {

    /**
     * Returns the current context.
     *
     * @return the innermost open context, or {@code null} when there is none
     */
    DbContext current();

    /**
     * Makes a newly opened context the current one.
     *
     * @param context the context being opened
     */
    void enter(DbContext context);

    /**
     * Restores the context that was current before {@code context} was entered.
     *
     * @param context the context being closed
     */
    void exit(DbContext context);

    /**
     * Returns the default scope, which binds contexts to the thread that opened them; nested
     * contexts stack, and closing one restores the outer one.
     *
     * @return a new thread-bound scope
     */
    static ContextScope threadBound() {
        return new ThreadBoundScope();
    }
}
