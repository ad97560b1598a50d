package dev.carafe.query;

/**
 * A select was given an attribute its model does not have, a value that cannot be converted to an
 * attribute's type, or a bad limit or offset. Such input often comes straight from an HTTP client
 * ({@code ?sort=...}, {@code ?author=...}), so the web plugins answer it with a 400 instead of a
 * 500. It is an {@link IllegalArgumentException}, as a misuse of the API from code is.
 */
public class InvalidQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, and the valid choices
     */
    public InvalidQueryException(String message) {
        super(message);
    }
}
