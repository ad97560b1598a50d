package dev.carafe.observe;

import dev.carafe.error.CarafeException;

/**
 * The same statement ran from the same line of application code as often as the N+1 threshold
 * within one context: typically a lazy association loaded once per row. Thrown when
 * {@code n-plus-one} is {@link NPlusOneMode#RAISE}. Fix it with {@code fetch("association")} on the
 * select, so the rows and their association load in one statement.
 */
public class NPlusOneException extends CarafeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the statement, the count and the location
     */
    public NPlusOneException(String message) {
        super(message);
    }
}
