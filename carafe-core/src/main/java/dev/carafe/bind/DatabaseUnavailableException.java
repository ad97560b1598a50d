package dev.carafe.bind;

import dev.carafe.error.CarafeException;

/**
 * A bind's pool could not hand out a connection: the database does not answer, or every
 * connection stayed busy until the pool timeout. The message names the bind, its masked URL and
 * the pool's counts. The web plugins answer it with HTTP 503.
 */
public class DatabaseUnavailableException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final String bindKey;
    private final String poolState;

    /**
     * Creates the exception.
     *
     * @param bindKey the bind whose pool failed
     * @param message what happened, with the pool's state and the fix
     * @param cause the pool's or driver's exception
     */
    public DatabaseUnavailableException(String bindKey, String message, Throwable cause) {
        this(bindKey, message, null, cause);
    }

    /**
     * Creates the exception with the pool's counts, which the web plugins show the client.
     *
     * @param bindKey the bind whose pool failed
     * @param message what happened, with the pool's state and the fix
     * @param poolState the pool's counts, such as {@code total=2, active=2, idle=0, waiting=18}, or {@code null}
     * @param cause the pool's or driver's exception
     */
    public DatabaseUnavailableException(String bindKey, String message, String poolState, Throwable cause) {
        super(message, cause);
        this.bindKey = bindKey;
        this.poolState = poolState;
    }

    /**
     * Returns the pool's counts when the failure happened.
     *
     * @return the counts, or {@code null} when unknown
     */
    public String poolState() {
        return poolState;
    }

    /**
     * Returns the bind whose pool failed.
     *
     * @return the bind key
     */
    public String bindKey() {
        return bindKey;
    }
}
