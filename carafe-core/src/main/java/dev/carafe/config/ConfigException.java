package dev.carafe.config;

import dev.carafe.error.CarafeException;

/**
 * Thrown at {@code build()} when the configuration is incomplete or wrong: no database URL, an
 * unknown engine option, a malformed URL, a model on a bind that is not configured, a missing
 * JDBC driver; or at a bind's first use, when Hibernate, finishing its start-up in the background,
 * rejects the mapping. The message names the key, the value (passwords masked) and the fix.
 */
public class ConfigException extends CarafeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a configuration error.
     *
     * @param message the key, the value and the fix
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates a configuration error that Hibernate (or a driver) found.
     *
     * @param message the key, the value and the fix
     * @param cause what reported it
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
