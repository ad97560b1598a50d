package dev.carafe.observe.internal;

/** Publishes statement durations to a metrics system. */
public interface StatementTimer {
    /** Records one statement of a bind that took {@code nanos} on a node ({@code primary} or a replica). */
    void record(String bind, String node, long nanos);
}
