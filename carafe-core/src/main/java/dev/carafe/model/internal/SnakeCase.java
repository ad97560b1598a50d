package dev.carafe.model.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Flask-SQLAlchemy's {@code camel_to_snake_case}, regex for regex, so names match across the two. */
public final class SnakeCase {
    private static final Pattern WORD_START = Pattern.compile("((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))");

    private SnakeCase() {}

    /** Converts {@code HTTP2RequestSession} to {@code http2_request_session}. */
    public static String of(String name) {
        String snake = WORD_START.matcher(name).replaceAll("_$1").toLowerCase(Locale.ROOT);
        int start = 0;
        while (start < snake.length() && snake.charAt(start) == '_') start++;
        return snake.substring(start);
    }
}
