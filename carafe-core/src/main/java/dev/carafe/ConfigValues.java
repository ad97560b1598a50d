package dev.carafe;

import dev.carafe.internal.config.UrlMasker;
import java.math.BigDecimal;
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

    static dev.carafe.observe.NPlusOneMode nPlusOneMode(String key, Object value) {
        if (value instanceof dev.carafe.observe.NPlusOneMode mode) return mode;
        if (value instanceof String text) {
            for (dev.carafe.observe.NPlusOneMode mode : dev.carafe.observe.NPlusOneMode.values()) {
                if (mode.name().equalsIgnoreCase(text.trim())) return mode;
            }
        }
        throw new ConfigException("'" + key + "' must be off, warn or raise, got " + describe(value) + ".");
    }

    static int wholeNumber(String key, Object value) {
        long number = number(key, value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new ConfigException("'" + key + "' must be a whole number, got " + describe(value) + ".");
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
                if (Double.isFinite(seconds)) {
                    return Duration.ofMillis(Math.round(seconds * 1000));
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new ConfigException("'" + key + "' must be a number of seconds, got " + describe(value) + ".");
    }

    /** Writes a duration as the seconds a user configures: {@code 0.25}, {@code 30}, {@code -1}. */
    static String inSeconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
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

    /** Quotes a value for a message, with any password in it masked: values are often URLs. */
    static String describe(Object value) {
        String text = UrlMasker.mask(String.valueOf(value));
        return value instanceof String ? "'" + text + "'" : text;
    }
}
