package dev.carafe.web;

import java.util.Locale;

/**
 * Writes text as a JSON string literal, for the error bodies and the Javalin plugin's debug view.
 * Besides what JSON requires (quotes, backslashes, control characters), it escapes {@code <},
 * {@code >} and {@code &} as {@code \u003c}, {@code \u003e} and {@code \u0026}, and the line
 * separators U+2028 and U+2029, so that the JSON is also safe inside an HTML page and a
 * JavaScript string. Thread-safe.
 *
 * <pre>{@code
 * JsonString.quote("Say \"<hi>\"")   // "Say \"\u003chi\u003e\""
 * }</pre>
 */
public final class JsonString {
    private JsonString() {}

    /**
     * Returns the text as a JSON string literal, quotes included.
     *
     * @param text the text
     * @return the literal
     */
    public static String quote(String text) {
        return append(new StringBuilder(text.length() + 2), text).toString();
    }

    /**
     * Appends the text as a JSON string literal, quotes included.
     *
     * @param out where to write
     * @param text the text
     * @return {@code out}
     */
    public static StringBuilder append(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
