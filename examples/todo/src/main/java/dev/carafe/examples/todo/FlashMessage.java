package dev.carafe.examples.todo;

import java.io.Serializable;

/**
 * A message for the next page the user sees, Flask's {@code flash(text, category)}. The layout
 * prefixes messages of the {@code error} category with {@code "Error: "}.
 *
 * @param category {@code message} for news, {@code error} for a problem
 * @param text what the user reads
 */
public record FlashMessage(String category, String text) implements Serializable {

    /**
     * Returns a message of the default category, {@code message}.
     *
     * @param text what the user reads
     * @return the message
     */
    public static FlashMessage info(String text) {
        return new FlashMessage("message", text);
    }

    /**
     * Returns a message of the {@code error} category.
     *
     * @param text what the user reads
     * @return the message
     */
    public static FlashMessage error(String text) {
        return new FlashMessage("error", text);
    }

    /**
     * Returns whether this message reports a problem.
     *
     * @return whether this message reports a problem
     */
    public boolean isError() {
        return "error".equals(category);
    }
}
