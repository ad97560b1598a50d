package dev.carafe.observe.internal;

/** Publishes statement durations to a metrics system. */
public interface StatementTimer {
    /** Records one statement of a bind that took {@code nanos}. */
    void record(String bind, long nanos);
}
