package dev.carafe.servlet.internal;

import dev.carafe.session.DbContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work of an asynchronous request, run on any thread in the request's context. When it throws,
 * the request's work is rolled back and the request answered and completed: Carafe's body for an
 * exception Carafe maps, the container's 500 (and its error page) for any other.
 */
public final class AsyncWork implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncWork.class);

    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final DbContext context;
    private final Runnable work;

    /** Wraps {@code work}; call on the request's thread, before the request completes. */
    public AsyncWork(AsyncContext async, DbContext context, Runnable work) {
        this.async = async;
        this.request = (HttpServletRequest) async.getRequest();
        this.response = (HttpServletResponse) async.getResponse();
        this.context = context;
        this.work = work;
    }

    @Override
    public void run() {
        RuntimeException failure;
        try (DbContext.Binding ignored = context.bind()) {
            work.run();
            return;
        } catch (RuntimeException e) {
            failure = e;
        }
        // Rolled back before the client hears of the failure, and before an error page runs.
        RequestCompletion.close(context);
        try {
            ErrorAnswer answer = ErrorAnswer.of(request);
            if (answer == null || !answer.answer(failure, request, response)) {
                LOG.error("Asynchronous work of {} {} failed", request.getMethod(), request.getRequestURI(), failure);
                response.sendError(500);
            }
            async.complete();
        } catch (IOException | IllegalStateException e) {
            // The work had completed the request, or the client left: nobody is left to answer.
            failure.addSuppressed(e);
            LOG.error("Asynchronous work of a request failed after its response was sent", failure);
        }
    }
}
