package dev.carafe.observe;

/**
 * A registered listener; {@link #close()} unregisters it.
 *
 * <pre>{@code
 * ListenerRegistration registration = db.onModelsCommitted(changes -> search.reindex(changes));
 * // ...
 * registration.close();   // the listener is not called for later commits
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface ListenerRegistration extends AutoCloseable {

    /**
     * Unregisters the listener: commits that start their notification afterwards do not call it.
     * Closing twice does nothing.
     */
    @Override
    void close();
}
