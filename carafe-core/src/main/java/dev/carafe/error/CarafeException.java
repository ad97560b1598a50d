package dev.carafe.error;


/**
 * The root of Carafe's own exceptions: misconfiguration, misuse of contexts, failed commits,
 * unreachable databases and the HTTP-like outcomes {@link NotFoundException} and
 * {@link BadRequestException}.
 *
 * <p>Hibernate and JDBC exceptions pass through unwrapped unless Carafe adds real information,
 * such as the bind that failed. Every message says what happened and how to fix it, and never
 * contains a password.
 */
public class CarafeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what happened and how to fix it
     */
    public CarafeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the underlying cause.
     *
     * @param message what happened and how to fix it
     * @param cause the underlying failure
     */
    public CarafeException(String message, Throwable cause) {
        super(message, cause);
    }
}
