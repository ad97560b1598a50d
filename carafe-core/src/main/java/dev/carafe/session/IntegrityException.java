package dev.carafe.session;

import dev.carafe.error.CarafeException;

/**
 * The database refused a write because of a constraint: a duplicate of a unique key, a foreign key
 * naming a row that does not exist (or a row still referenced), a missing required value. Raised by
 * {@link Session#flush()} and {@link Session#commit()}; the web plugins answer it with HTTP 409 and a
 * description that names nothing of the schema, and log this message, which names the bind and the
 * constraint.
 */
public class IntegrityException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final String bindKey;
    private final String constraint;

    /**
     * Creates the exception.
     *
     * @param bindKey the bind whose database refused the write
     * @param constraint the constraint's name as the database reported it, or {@code null} when it named none
     * @param message what happened, for the developer
     * @param cause the driver's or Hibernate's exception
     */
    public IntegrityException(String bindKey, String constraint, String message, Throwable cause) {
        super(message, cause);
        this.bindKey = bindKey;
        this.constraint = constraint;
    }

    /**
     * Returns the bind whose database refused the write.
     *
     * @return the bind key
     */
    public String bindKey() {
        return bindKey;
    }

    /**
     * Returns the constraint the write broke.
     *
     * @return its name as the database reported it, or {@code null} when it named none
     */
    public String constraint() {
        return constraint;
    }
}
