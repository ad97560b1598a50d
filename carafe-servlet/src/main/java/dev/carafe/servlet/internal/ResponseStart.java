package dev.carafe.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response's status and headers before a handler ran, put back when the handler runs again after
 * a retried transaction: what the failed attempt set or buffered is dropped, what earlier filters
 * set is kept.
 */
public final class ResponseStart {
    private final int status;
    private final Map<String, List<String>> headers;

    private ResponseStart(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = headers;
    }

    /** Remembers a response's status and headers as they are now. */
    public static ResponseStart of(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) headers.put(name, List.copyOf(response.getHeaders(name)));
        return new ResponseStart(response.getStatus(), headers);
    }

    /**
     * Empties the response's buffer and puts the remembered status and headers back.
     *
     * @throws IllegalStateException when the response is already committed
     */
    public void restore(HttpServletResponse response) {
        response.reset();
        headers.forEach((name, values) -> {
            if (values.isEmpty()) return;
            response.setHeader(name, values.get(0));
            for (String value : values.subList(1, values.size())) response.addHeader(name, value);
        });
        response.setStatus(status);
    }
}
