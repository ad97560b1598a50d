package dev.carafe.query;

/**
 * A select was given an attribute its model does not have, a value that cannot be converted to an
 * attribute's type, or a bad limit or offset. Such input often comes straight from an HTTP client
 * ({@code ?sort=...}, {@code ?author=...}), so the web plugins answer it with a 400 instead of a
 * 500: the client reads {@link #description()}, which repeats only what it sent, while the message
 * (logged) names the model and its attributes. It is an {@link IllegalArgumentException}, as a
 * misuse of the API from code is.
 */
public class InvalidQueryException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String description;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, and the valid choices, for the developer
     * @param description what was wrong, for the client: nothing it did not send itself
     */
    public InvalidQueryException(String message, String description) {
        super(message);
        this.description = description;
    }

    /**
     * Returns what was wrong, in words safe to show the client that sent the input.
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
