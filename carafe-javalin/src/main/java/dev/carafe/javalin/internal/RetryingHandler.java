package dev.carafe.javalin.internal;

import dev.carafe.Carafe;
import dev.carafe.servlet.CarafeFilter;
import dev.carafe.servlet.internal.ResponseStart;
import dev.carafe.session.DbContext;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's handler that runs again, in a fresh Carafe context, when its transaction fails on a
 * conflict or loses its connection before the commit, as {@code db.transactionRetries()} allows and
 * while the response is not committed. During each attempt the attempt's context is the request's
 * ({@code ctx.with(CarafePlugin.class)}, {@code db.session()}); it is closed, and what it did not
 * commit rolled back, when the handler returns. The attempts' contexts are kept in the request
 * attribute {@link #ATTEMPTS}, so that the debug view shows the statements of every attempt.
 */
public final class RetryingHandler implements Handler {
    /** The request attribute listing the contexts of the attempts, in order. */
    public static final String ATTEMPTS = RetryingHandler.class.getName() + ".attempts";

    private final Carafe db;
    private final Handler handler;

    /** Runs {@code handler} with retries from {@code db}. */
    public RetryingHandler(Carafe db, Handler handler) {
        this.db = db;
        this.handler = handler;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        HttpServletRequest request = ctx.req();
        Object requestContext = request.getAttribute(CarafeFilter.CONTEXT_ATTRIBUTE);
        ResponseStart start = ResponseStart.of(ctx.res());
        List<DbContext> attempts = new ArrayList<>();
        request.setAttribute(ATTEMPTS, attempts);
        try {
            for (int attempt = 1; ; attempt++) {
                DbContext context = db.requestContexts().open(ctx::queryParam);
                attempts.add(context);
                request.setAttribute(CarafeFilter.CONTEXT_ATTRIBUTE, context);
                try (DbContext.Binding ignored = context.bind()) {
                    handler.handle(ctx);
                    return;
                } catch (Exception e) {
                    // Rolled back and its connection returned before the pause.
                    context.close();
                    if (ctx.res().isCommitted() || !db.transactionRetries().againAfter(e, attempt)) throw e;
                } finally {
                    context.close();
                }
                start.restore(ctx.res());
                ctx.result("");
            }
        } finally {
            request.setAttribute(CarafeFilter.CONTEXT_ATTRIBUTE, requestContext);
        }
    }
}
