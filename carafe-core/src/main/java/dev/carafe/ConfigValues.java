package dev.carafe;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Coerces configuration values, which may be typed (from code) or strings (from properties files). */
final class ConfigValues {
    private ConfigValues() {}

    static String string(String key, Object value) {
        if (value instanceof String text && !text.isBlank()) {
            return text.trim();
        }
        throw new ConfigException("'" + key + "' must be a non-empty string, got " + describe(value) + ".");
    }

    static boolean bool(String key, Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1":
                    return true;
                case "false", "no", "off", "0":
                    return false;
                default:
                    break;
            }
        }
        throw new ConfigException("'" + key + "' must be true or false, got " + describe(value) + ".");
    }

    static int positiveInt(String key, Object value) {
        long number = number(key, value);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new ConfigException("'" + key + "' must be a whole number of at least 1, got " + describe(value) + ".");
        }
        return (int) number;
    }

    static Duration seconds(String key, Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number || value instanceof String) {
            try {
                double seconds = Double.parseDouble(value.toString().trim());
                if (seconds >= 0) {
                    return Duration.ofMillis(Math.round(seconds * 1000));
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new ConfigException("'" + key + "' must be a number of seconds (0 or more), got " + describe(value) + ".");
    }

    static Map<String, String> stringMap(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
            return result;
        }
        throw new ConfigException("'" + key + "' must be a map of driver properties, got " + describe(value) + ".");
    }

    private static long number(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new ConfigException("'" + key + "' must be a whole number, got " + describe(value) + ".");
    }

    private static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
