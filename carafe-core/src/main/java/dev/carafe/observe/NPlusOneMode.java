package dev.carafe.observe;


/** What Carafe does when it sees an N+1 query pattern ({@code n-plus-one}). */
public enum NPlusOneMode {
    /** Nothing is counted: no cost (the default). */
    OFF,
    /** A warning on the {@code carafe.sql} logger, once per statement and location in a context. */
    WARN,
    /** An {@link NPlusOneException} from the statement that reached the threshold: what tests want. */
    RAISE
}
