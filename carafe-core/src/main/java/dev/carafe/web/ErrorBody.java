package dev.carafe.web;

/**
 * An {@link ErrorResponse} written out: the body a client receives and its content type. Made by
 * {@link ErrorFormat#body(ErrorResponse, String)}; the three forms, for
 * {@code new ErrorResponse(404, "Not Found", "Todo <7> doesn't exist.")}, are exactly:
 *
 * <pre>{@code
 * application/json;charset=utf-8   {"error": "Not Found", "description": "Todo \u003c7\u003e doesn't exist."}
 * text/html;charset=utf-8          <!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>Todo &lt;7&gt; doesn&#39;t exist.</p>\n
 * text/plain;charset=utf-8         404 Not Found: Todo <7> doesn't exist.\n
 * }</pre>
 *
 * @param contentType the response's {@code Content-Type}, with {@code ;charset=utf-8}
 * @param text the body
 */
public record ErrorBody(String contentType, String text) {

    /**
     * The JSON form: an object with exactly the members {@code error} (the reason phrase) and
     * {@code description}, in that order. The shape is stable: clients may rely on it.
     *
     * @param page the response
     * @return the body
     */
    public static ErrorBody json(ErrorResponse page) {
        StringBuilder out = new StringBuilder("{\"error\": ");
        JsonString.append(out, page.error()).append(", \"description\": ");
        return new ErrorBody("application/json;charset=utf-8", JsonString.append(out, page.description()).append('}').toString());
    }

    /**
     * The HTML form: a small page in Werkzeug's manner, every text escaped.
     *
     * @param page the response
     * @return the body
     */
    public static ErrorBody html(ErrorResponse page) {
        return new ErrorBody("text/html;charset=utf-8", "<!doctype html>\n<html lang=en>\n<title>" + page.status() + " "
                + escapeHtml(page.error()) + "</title>\n<h1>" + escapeHtml(page.error()) + "</h1>\n<p>"
                + escapeHtml(page.description()) + "</p>\n");
    }

    /**
     * The plain-text form: status, reason phrase and description on one line.
     *
     * @param page the response
     * @return the body
     */
    public static ErrorBody text(ErrorResponse page) {
        return new ErrorBody("text/plain;charset=utf-8", page.status() + " " + page.error() + ": " + page.description() + "\n");
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
