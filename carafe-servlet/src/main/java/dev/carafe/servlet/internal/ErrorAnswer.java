package dev.carafe.servlet.internal;

import dev.carafe.web.ErrorBody;
import dev.carafe.web.ErrorFormat;
import dev.carafe.web.ErrorLog;
import dev.carafe.web.ErrorResponse;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a request with Carafe's error body in one format. Each filter that maps errors leaves
 * its answer on the request ({@link #ATTRIBUTE}), the innermost filter's last: the filter that
 * owns the request's context, work finishing on another thread and timeouts answer with it.
 * Thread-safe.
 */
public final class ErrorAnswer {
    /** The request attribute holding the answer of the innermost filter that maps errors. */
    public static final String ATTRIBUTE = ErrorAnswer.class.getName();

    private final ErrorFormat format;

    /** Answers in {@code format}. */
    public ErrorAnswer(ErrorFormat format) {
        this.format = format;
    }

    /** Returns the answer a request's filter left on it, or {@code null} when no filter maps errors. */
    public static ErrorAnswer of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ErrorAnswer answer ? answer : null;
    }

    /**
     * Answers an exception Carafe maps, when the response can still take a body.
     *
     * @return whether it answered; otherwise the exception is the caller's to pass on
     */
    public boolean answer(RuntimeException exception, HttpServletRequest request, ServletResponse response)
            throws IOException {
        ErrorResponse page = ErrorResponse.of(exception);
        if (page == null || response.isCommitted()) return false;
        write(page, request, (HttpServletResponse) response);
        ErrorLog.answered(request.getMethod(), request.getRequestURI(), page, exception);
        return true;
    }

    /** Answers an asynchronous request that timed out. */
    public void timedOut(HttpServletRequest request, ServletResponse response) throws IOException {
        write(ErrorResponse.TIMED_OUT, request, (HttpServletResponse) response);
        ErrorLog.answered(request.getMethod(), request.getRequestURI(), ErrorResponse.TIMED_OUT, null);
    }

    /**
     * Replaces whatever the handler had started to write with the error body. The response is
     * reset (which also releases the writer or stream the handler took) and its headers put back,
     * except the {@code Content-*} ones: those described the body being replaced.
     */
    private void write(ErrorResponse page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorBody body = format.body(page, request.getHeader("Accept"));
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            List<String> values = List.copyOf(response.getHeaders(name));
            if (!values.isEmpty() && !name.regionMatches(true, 0, "Content-", 0, 8)) kept.put(name, values);
        }
        response.reset();
        kept.forEach((name, values) -> {
            // setHeader first: containers differ in what reset() puts back (Jetty re-adds a new
            // session's cookie, a second time), and the headers must end up exactly as they were.
            response.setHeader(name, values.get(0));
            for (String value : values.subList(1, values.size())) response.addHeader(name, value);
        });
        response.setStatus(page.status());
        if (page.retryAfterSeconds() > 0) response.setHeader("Retry-After", Integer.toString(page.retryAfterSeconds()));
        response.setContentType(body.contentType());
        // No Content-Length: the container would send the response as soon as the body is
        // written, before the request's context is rolled back and closed.
        response.getOutputStream().write(body.text().getBytes(StandardCharsets.UTF_8));
    }
}
