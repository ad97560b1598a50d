package dev.carafe.error;


/**
 * The client sent input Carafe cannot use, such as a tampered keyset cursor. The web plugins turn
 * it into an HTTP 400 response with the description.
 */
public class BadRequestException extends CarafeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates a 400 with a description shown to the client.
     *
     * @param description what was wrong with the input
     */
    public BadRequestException(String description) {
        super(description);
    }

    /**
     * Returns the HTTP status this exception stands for.
     *
     * @return always 400
     */
    public int status() {
        return 400;
    }

    /**
     * Returns the description shown to the client.
     *
     * @return the description
     */
    public String description() {
        return getMessage();
    }
}
