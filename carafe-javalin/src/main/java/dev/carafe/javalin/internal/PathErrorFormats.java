package dev.carafe.javalin.internal;

import dev.carafe.config.ConfigException;
import dev.carafe.web.ErrorFormat;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error format of each group of routes: the one of the longest path prefix that contains the
 * path, whole segments only ({@code /api} holds {@code /api} and {@code /api/todos}, not
 * {@code /apis}), or the application's. Immutable.
 */
public final class PathErrorFormats {
    private final ErrorFormat application;
    private final List<Map.Entry<String, ErrorFormat>> longestFirst;

    private PathErrorFormats(ErrorFormat application, List<Map.Entry<String, ErrorFormat>> longestFirst) {
        this.application = application;
        this.longestFirst = longestFirst;
    }

    /**
     * Checks the settings.
     *
     * @throws ConfigException when a format is missing or a prefix is not a path
     */
    public static PathErrorFormats of(ErrorFormat application, Map<String, ErrorFormat> byPrefix) {
        if (application == null) throw new ConfigException("errorFormat must be set: json, html or negotiate.");
        Map<String, ErrorFormat> normalized = new LinkedHashMap<>();
        byPrefix.forEach((prefix, format) -> {
            if (prefix == null || !prefix.startsWith("/")) {
                throw new ConfigException("errorFormat(prefix, format) needs a path prefix such as \"/api\", got "
                        + (prefix == null ? "null" : "\"" + prefix + "\"") + ".");
            }
            if (format == null) throw new ConfigException("errorFormat(\"" + prefix + "\", format) needs a format.");
            normalized.put(prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix,
                    format);
        });
        List<Map.Entry<String, ErrorFormat>> entries = normalized.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, ErrorFormat> entry) -> entry.getKey().length()).reversed())
                .toList();
        return new PathErrorFormats(application, entries);
    }

    /** Returns the format for a request's path. */
    public ErrorFormat forPath(String path) {
        for (Map.Entry<String, ErrorFormat> entry : longestFirst) {
            String prefix = entry.getKey();
            if (prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/")) return entry.getValue();
        }
        return application;
    }
}
