package dev.carafe.servlet.internal;

import dev.carafe.session.DbContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an asynchronous request's context however the request ends: completed, failed or timed
 * out. A timeout rolls the work back and, when the request's filter maps errors, answers with
 * {@link dev.carafe.web.ErrorResponse#TIMED_OUT} instead of the container's 500.
 */
public final class RequestCompletion implements AsyncListener {
    private static final Logger LOG = LoggerFactory.getLogger(RequestCompletion.class);

    private final DbContext context;

    /** Ends {@code context} with the request. */
    public RequestCompletion(DbContext context) {
        this.context = context;
    }

    /** Closes a context, logging instead of throwing: the request is over either way. */
    public static void close(DbContext context) {
        try {
            context.close();
        } catch (RuntimeException e) {
            LOG.warn("Closing the request's Carafe context failed; its connections were returned to the pool", e);
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        close(context);
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        close(context);
        AsyncContext async = event.getAsyncContext();
        if (!(async.getRequest() instanceof HttpServletRequest request)) return;
        ErrorAnswer answer = ErrorAnswer.of(request);
        if (answer == null || !request.isAsyncStarted() || async.getResponse().isCommitted()) return;
        // The servlet's own listeners ran first. One that answered and completed the request is seen
        // by Tomcat (no longer async) and by Jetty only once the answer is committed.
        answer.timedOut(request, async.getResponse());
        async.complete();
    }

    @Override
    public void onError(AsyncEvent event) {
        close(context);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
