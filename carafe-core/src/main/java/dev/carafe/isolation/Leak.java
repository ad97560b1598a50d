package dev.carafe.isolation;

/**
 * Something opened during an {@link Isolation} and not closed: a context, or a lease of a bind's
 * pinned connection.
 *
 * @param kind what was left open
 * @param bind the bind of a connection; {@code null} for a context
 * @param location where it was opened: the first frame of application code, or {@code <unknown>}
 * @param thread the name of the thread that opened it
 */
public record Leak(Kind kind, String bind, String location, String thread) {

    /** What a leak is. */
    public enum Kind {
        /** A context the application's code opened ({@code db.context()}, say). */
        CONTEXT,
        /** A context a web integration opened for a request that has not finished. */
        REQUEST_CONTEXT,
        /** A connection of a bind, taken and not closed. */
        CONNECTION
    }

    /** Describes the leak, as in {@code a context opened at com.example.Jobs.run(Jobs.java:12) on thread 'main'}. */
    @Override
    public String toString() {
        String opened = switch (kind) {
            case CONTEXT -> "a context opened at " + location;
            case REQUEST_CONTEXT -> "a request's context, opened by the web integration,";
            case CONNECTION -> "a connection of bind '" + bind + "' taken at " + location;
        };
        return opened + " on thread '" + thread + "'";
    }
}
