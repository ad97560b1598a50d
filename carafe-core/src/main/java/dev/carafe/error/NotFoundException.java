package dev.carafe.error;

/**
 * The requested row does not exist: thrown by the {@code ...Or404} helpers and by pagination
 * with {@code errorOut}. The web plugins turn it into an HTTP 404 response with the description.
 */
public class NotFoundException extends CarafeException {
    private static final long serialVersionUID = 1L;

    /** The description used when none is given, the same text as Werkzeug's 404 page. */
    public static final String DEFAULT_DESCRIPTION =
            "The requested URL was not found on the server. If you entered the URL manually please"
                    + " check your spelling and try again.";

    /** Creates a 404 with the default description. */
    public NotFoundException() {
        this(null);
    }

    /**
     * Creates a 404 with a description shown to the client.
     *
     * @param description the text for the client, or {@code null} for the default
     */
    public NotFoundException(String description) {
        super(description == null ? DEFAULT_DESCRIPTION : description);
    }

    /**
     * Returns the HTTP status this exception stands for.
     *
     * @return always 404
     */
    public int status() {
        return 404;
    }

    /**
     * Returns the description shown to the client.
     *
     * @return the description, never {@code null}
     */
    public String description() {
        return getMessage();
    }
}
