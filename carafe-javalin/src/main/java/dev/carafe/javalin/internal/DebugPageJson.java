package dev.carafe.javalin.internal;

import dev.carafe.observe.RecordedQuery;
import dev.carafe.web.JsonString;
import java.util.List;

/** The debug view's page as JSON ({@code ?format=json}). */
final class DebugPageJson {
    private DebugPageJson() {}

    static String render(List<RequestRecord> requests, int capacity, int threshold) {
        StringBuilder out = new StringBuilder(256 + requests.size() * 512);
        out.append("{\"capacity\": ").append(capacity).append(", \"nPlusOneThreshold\": ").append(threshold)
                .append(", \"requests\": [");
        for (int i = 0; i < requests.size(); i++) {
            if (i > 0) out.append(", ");
            request(out, requests.get(i), threshold);
        }
        return out.append("]}").toString();
    }

    private static void request(StringBuilder out, RequestRecord request, int threshold) {
        out.append("{\"method\": ");
        JsonString.append(out, request.method()).append(", \"path\": ");
        JsonString.append(out, request.path()).append(", \"status\": ").append(request.status()).append(", \"time\": ");
        JsonString.append(out, request.time().toString()).append(", \"statementCount\": ").append(request.queries().size())
                .append(", \"totalMillis\": ").append(Millis.of(request.totalDuration())).append(", \"statements\": [");
        List<RecordedQuery> queries = request.queries();
        for (int i = 0; i < queries.size(); i++) {
            if (i > 0) out.append(", ");
            statement(out, queries.get(i));
        }
        out.append("], \"nPlusOne\": [");
        List<RepeatedStatement> repeated = RepeatedStatement.find(queries, threshold);
        for (int i = 0; i < repeated.size(); i++) {
            RepeatedStatement warning = repeated.get(i);
            out.append(i > 0 ? ", " : "").append("{\"bind\": ");
            JsonString.append(out, warning.bind()).append(", \"statement\": ");
            JsonString.append(out, warning.statement()).append(", \"location\": ");
            JsonString.append(out, warning.location()).append(", \"count\": ").append(warning.count()).append('}');
        }
        out.append("]}");
    }

    private static void statement(StringBuilder out, RecordedQuery query) {
        out.append("{\"bind\": ");
        JsonString.append(out, query.bind()).append(", \"node\": ");
        JsonString.append(out, query.node()).append(", \"statement\": ");
        JsonString.append(out, query.statement()).append(", \"parameters\": ");
        JsonText.parameters(out, query.parameters()).append(", \"startTime\": ");
        JsonString.append(out, query.startTime().toString()).append(", \"durationMillis\": ")
                .append(Millis.of(query.duration())).append(", \"location\": ");
        JsonString.append(out, String.valueOf(query.location())).append('}');
    }
}
