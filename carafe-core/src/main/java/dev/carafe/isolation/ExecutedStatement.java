package dev.carafe.isolation;

/**
 * One statement that ran while a {@link StatementLog} was open. A JDBC batch is one statement.
 *
 * @param bind the bind it ran on
 * @param statement its SQL, with {@code ?} placeholders
 * @param location the first frame of application code that ran it, such as
 *     {@code com.example.Views.index(Views.java:42)}, or {@code <unknown>}
 * @param thread the name of the thread that ran it
 */
public record ExecutedStatement(String bind, String statement, String location, String thread) {

    /** Describes the statement as {@code [bind] sql at location on thread 'name'}. */
    @Override
    public String toString() {
        return "[" + bind + "] " + statement + " at " + location + " on thread '" + thread + "'";
    }
}
