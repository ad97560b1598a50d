package dev.carafe.config;

import dev.carafe.config.internal.UrlMasker;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads configuration values, which may be typed (from code) or text (from files and the environment). */
final class ConfigValues {
    private static final int MIN_CURSOR_SECRET = 16;

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

    static Path path(String key, Object value) {
        return value instanceof Path path ? path : Path.of(string(key, value));
    }

    /** A list from code, or comma-separated text: {@code a, b} is {@code [a, b]}. */
    static List<String> list(String key, Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> items.add(string(key, item)));
            return List.copyOf(items);
        }
        for (String item : string(key, value).split(",")) {
            if (!item.isBlank()) items.add(item.trim());
        }
        return List.copyOf(items);
    }

    /** A database URL with a {@code {tenant}} placeholder, where database tenancy puts each tenant's id. */
    static String tenantUrl(String key, Object value) {
        String template = string(key, value);
        if (!template.contains("{tenant}")) {
            throw new ConfigException("'" + key + "' must contain {tenant} where the tenant's database name goes,"
                    + " such as postgresql://app@db/app_{tenant}, got '" + UrlMasker.mask(template) + "'.");
        }
        return template;
    }

    static <E extends Enum<E>> E constant(String key, Object value, Class<E> type) {
        if (type.isInstance(value)) return type.cast(value);
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            if (value instanceof String text && name.equals(text.trim().toLowerCase(Locale.ROOT))) return constant;
            names.add(name);
        }
        throw new ConfigException("'" + key + "' must be " + oneOf(names) + ", got " + describe(value) + ".");
    }

    private static String oneOf(List<String> names) {
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    static int wholeNumber(String key, Object value) {
        if (value instanceof Integer || value instanceof Short) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long || value instanceof String) {
            try {
                return Integer.parseInt(value.toString().trim());
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new ConfigException("'" + key + "' must be a whole number, got " + describe(value) + ".");
    }

    static int atLeast(String key, int number, int minimum) {
        if (number < minimum) {
            throw new ConfigException("'" + key + "' must be at least " + minimum + ", got " + number + ".");
        }
        return number;
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

    static Duration nonNegativeSeconds(String key, Object value) {
        Duration duration = seconds(key, value);
        if (duration.isNegative()) {
            throw new ConfigException("'" + key + "' must be 0 (off) or more, got " + inSeconds(duration) + " seconds.");
        }
        return duration;
    }

    static Duration poolTimeout(String key, Object value) {
        Duration timeout = seconds(key, value);
        if (timeout.toMillis() < 250) {
            throw new ConfigException("'" + key + "' must be at least 0.25 seconds (HikariCP's minimum), got "
                    + inSeconds(timeout) + " seconds.");
        }
        return timeout;
    }

    static Duration recycle(String key, Object value) {
        Duration recycle = seconds(key, value);
        if (!recycle.isZero() && recycle.toMillis() < 30_000) {
            throw new ConfigException("'" + key + "' must be 0 (never recycle) or at least 30 seconds (HikariCP's"
                    + " minimum), got " + inSeconds(recycle) + " seconds.");
        }
        return recycle;
    }

    static String cursorSecret(String key, Object value) {
        if (value instanceof String text && text.length() >= MIN_CURSOR_SECRET) return text;
        throw new ConfigException("'" + key + "' must have at least " + MIN_CURSOR_SECRET + " characters; make one"
                + " with, for example, openssl rand -base64 32, and keep it out of source control.");
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

    /** Quotes a value for a message, with any password in it masked: values are often URLs. */
    static String describe(Object value) {
        String text = UrlMasker.mask(String.valueOf(value));
        return value instanceof String ? "'" + text + "'" : text;
    }
}
