package dev.carafe.web;

import java.util.Locale;

/**
 * The format of the error bodies a web plugin sends for Carafe's exceptions: set per application
 * and per group of routes ({@code CarafePlugin.Config.errorFormat}, {@code CarafeFilter}'s
 * {@code error-format} init-param).
 */
public enum ErrorFormat {
    /**
     * Follows the request's {@code Accept} header (the default): JSON or HTML, whichever the client
     * rates higher (the one listed first on a tie), plain text when it accepts neither by name.
     */
    NEGOTIATE,
    /** Always {@code {"error": ..., "description": ...}}, for JSON APIs, whatever the client accepts. */
    JSON,
    /** Always an HTML page. */
    HTML;

    /**
     * Writes a response in this format.
     *
     * @param page the response
     * @param accept the request's {@code Accept} header, or {@code null}; only {@link #NEGOTIATE} reads it
     * @return the body and its content type
     */
    public ErrorBody body(ErrorResponse page, String accept) {
        return switch (this) {
            case JSON -> ErrorBody.json(page);
            case HTML -> ErrorBody.html(page);
            case NEGOTIATE -> negotiated(page, accept);
        };
    }

    /**
     * Returns the format a setting names, in any case: {@code json}, {@code html} or {@code negotiate}.
     *
     * @param name the setting's value
     * @return the format
     * @throws IllegalArgumentException for any other name, saying which are allowed
     */
    public static ErrorFormat named(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        for (ErrorFormat format : values()) {
            if (format.name().equals(wanted)) return format;
        }
        throw new IllegalArgumentException((name == null ? "No error format" : "\"" + name + "\" is not an error format")
                + ": use json, html or negotiate.");
    }

    /** JSON, HTML or plain text by the {@code Accept} header; a media range with {@code q=0} is a refused one. */
    private static ErrorBody negotiated(ErrorResponse page, String accept) {
        double json = 0;
        double html = 0;
        int jsonAt = Integer.MAX_VALUE;
        int htmlAt = Integer.MAX_VALUE;
        String[] ranges = accept == null ? new String[0] : accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double quality = quality(parts);
            if (type.contains("json") && quality > json) {
                json = quality;
                jsonAt = i;
            } else if (type.equals("text/html") && quality > html) {
                html = quality;
                htmlAt = i;
            }
        }
        if (json == 0 && html == 0) return ErrorBody.text(page);
        return json > html || (json == html && jsonAt < htmlAt) ? ErrorBody.json(page) : ErrorBody.html(page);
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
                try {
                    return Math.min(1, Math.max(0, Double.parseDouble(parameter.substring(2))));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }
}
