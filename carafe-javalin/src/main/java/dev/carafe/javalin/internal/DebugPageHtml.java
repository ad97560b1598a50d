package dev.carafe.javalin.internal;

import dev.carafe.Carafe;
import dev.carafe.observe.RecordedQuery;
import java.util.List;

/** The debug view's page as HTML: every value escaped. */
final class DebugPageHtml {
    private static final String STYLE = "body{font:14px system-ui,sans-serif;margin:2em}"
            + "table{border-collapse:collapse;width:100%;margin-bottom:2em}"
            + "th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}"
            + "td.sql,td.params,td.location{font-family:monospace;white-space:pre-wrap;word-break:break-all}"
            + ".warning{background:#fff3cd;border:1px solid #e0b400;padding:6px;margin:6px 0}";

    private DebugPageHtml() {}

    static String render(List<RequestRecord> requests, int capacity, int threshold) {
        StringBuilder out = new StringBuilder(1024 + requests.size() * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"robots\""
                + " content=\"noindex\"><title>Carafe debug view</title><style>").append(STYLE).append("</style></head>\n")
                .append("<body>\n<h1>Carafe debug view</h1>\n<p>The statements of the last ").append(capacity)
                .append(" requests, newest first. For development only: this page shows every statement with its"
                        + " parameters. <a href=\"?format=json\">JSON</a></p>\n");
        if (requests.isEmpty()) out.append("<p>No request yet.</p>\n");
        for (RequestRecord request : requests) request(out, request, threshold);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void request(StringBuilder out, RequestRecord request, int threshold) {
        List<RecordedQuery> queries = request.queries();
        out.append("<section class=\"request\">\n<h2>");
        escape(out, request.method()).append(' ');
        escape(out, request.path()).append(" <span class=\"status\">").append(request.status()).append("</span></h2>\n<p>")
                .append(queries.size()).append(queries.size() == 1 ? " statement, " : " statements, ")
                .append(Millis.of(request.totalDuration())).append(" ms, finished at ");
        escape(out, request.time().toString()).append("</p>\n");
        for (RepeatedStatement warning : RepeatedStatement.find(queries, threshold)) {
            out.append("<p class=\"warning\"><strong>N+1 query pattern:</strong> the same statement ran ")
                    .append(warning.count()).append(" times from <code>");
            escape(out, warning.location()).append("</code> on bind '");
            escape(out, warning.bind()).append("': <code>");
            escape(out, warning.statement()).append("</code>. Load the rows together instead, for example with"
                    + " <code>select.fetch(\"association\")</code>.</p>\n");
        }
        if (queries.isEmpty()) {
            out.append("</section>\n");
            return;
        }
        out.append("<table>\n<tr><th>#</th><th>bind</th><th>node</th><th>statement</th><th>parameters</th><th>ms</th>"
                + "<th>location</th></tr>\n");
        for (int i = 0; i < queries.size(); i++) {
            RecordedQuery query = queries.get(i);
            out.append("<tr><td>").append(i + 1).append("</td><td>");
            escape(out, query.bind()).append("</td><td class=\"node\">");
            escape(out, query.node()).append("</td><td class=\"sql\">");
            escape(out, query.statement()).append("</td><td class=\"params\">");
            escape(out, JsonText.parameters(new StringBuilder(), query.parameters()).toString()).append("</td><td>")
                    .append(Millis.of(query.duration())).append("</td><td class=\"location\">");
            escape(out, String.valueOf(query.location())).append("</td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static StringBuilder escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out;
    }
}
