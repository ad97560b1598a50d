package dev.carafe.isolation;

import dev.carafe.error.CarafeException;

/**
 * A thread could not use a bind's pinned connection: it waited longer than the bind's
 * {@code pool-timeout} for its turn, or the isolation it belonged to had ended.
 */
public class IsolationException extends CarafeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do
     */
    public IsolationException(String message) {
        super(message);
    }
}
