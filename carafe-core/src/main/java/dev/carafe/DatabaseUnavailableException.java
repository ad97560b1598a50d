package dev.carafe;

/**
 * A bind's pool could not hand out a connection: the database does not answer, or every
 * connection stayed busy until the pool timeout. The message names the bind, its masked URL and
 * the pool's counts. The web plugins answer it with HTTP 503.
 */
public class DatabaseUnavailableException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final String bindKey;

    /**
     * Creates the exception.
     *
     * @param bindKey the bind whose pool failed
     * @param message what happened, with the pool's state and the fix
     * @param cause the pool's or driver's exception
     */
    public DatabaseUnavailableException(String bindKey, String message, Throwable cause) {
        super(message, cause);
        this.bindKey = bindKey;
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
