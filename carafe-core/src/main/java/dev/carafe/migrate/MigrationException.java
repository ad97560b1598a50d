package dev.carafe.migrate;

import dev.carafe.error.CarafeException;

/**
 * Migrating a bind failed, or a migration could not be written: a broken or misnamed file, a
 * history that does not match the files, pending migrations where none may be. The message names
 * the bind, the file where there is one, the database's error, and the fix.
 */
public class MigrationException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final String bindKey;

    /**
     * Creates the exception.
     *
     * @param bindKey the bind
     * @param message what happened and how to fix it
     * @param cause Flyway's or the database's exception, or {@code null}
     */
    public MigrationException(String bindKey, String message, Throwable cause) {
        super(message, cause);
        this.bindKey = bindKey;
    }

    /**
     * Returns the bind whose migration failed.
     *
     * @return the bind key
     */
    public String bindKey() {
        return bindKey;
    }
}
