package dev.carafe.examples.todo;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps flash messages in the user's server-side session (Jetty's, which Javalin enables) until
 * the next page is rendered, like Flask's {@code flash()} and {@code get_flashed_messages()}.
 */
final class Flashes {
    private static final String ATTRIBUTE = "flashes";

    private Flashes() {}

    /** Queues a message for the next page this user sees, which may be this request's own page. */
    static void add(Context ctx, FlashMessage message) {
        HttpSession session = ctx.req().getSession(true);
        @SuppressWarnings("unchecked")
        List<FlashMessage> queued = (List<FlashMessage>) session.getAttribute(ATTRIBUTE);
        List<FlashMessage> messages = queued == null ? new ArrayList<>() : new ArrayList<>(queued);
        messages.add(message);
        session.setAttribute(ATTRIBUTE, messages);
    }

    /** Returns the queued messages, oldest first, and forgets them. */
    static List<FlashMessage> take(Context ctx) {
        // getSession(false): a page view with nothing queued should not create a session.
        HttpSession session = ctx.req().getSession(false);
        if (session == null) return List.of();
        @SuppressWarnings("unchecked")
        List<FlashMessage> queued = (List<FlashMessage>) session.getAttribute(ATTRIBUTE);
        if (queued == null) return List.of();
        session.removeAttribute(ATTRIBUTE);
        return List.copyOf(queued);
    }
}
