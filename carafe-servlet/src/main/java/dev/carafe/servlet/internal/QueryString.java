package dev.carafe.servlet.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The first value of each parameter of a query string, parsed on first use. */
public final class QueryString implements Function<String, String> {
    private final String raw;
    private Map<String, String> values;

    /** Wraps a raw query string, or {@code null} for none. */
    public QueryString(String raw) {
        this.raw = raw;
    }

    @Override
    public String apply(String name) {
        if (values == null) values = parse(raw);
        return values.get(name);
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) return values;
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name != null && value != null) values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
