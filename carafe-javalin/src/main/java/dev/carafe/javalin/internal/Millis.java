package dev.carafe.javalin.internal;

import java.time.Duration;
import java.util.Locale;

/** Writes a duration as milliseconds with three decimals, such as {@code 1.250}. */
final class Millis {
    private Millis() {}

    static String of(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1_000_000.0);
    }
}
