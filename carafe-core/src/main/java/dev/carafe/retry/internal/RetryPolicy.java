package dev.carafe.retry.internal;

import dev.carafe.retry.TransactionFailure;
import dev.carafe.retry.TransactionRetries;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carafe's {@link TransactionRetries}: a bounded number of retries with a jittered exponential
 * pause, each one counted, logged on {@code carafe.retry} and handed to the metrics. Thread-safe.
 */
public final class RetryPolicy implements TransactionRetries {
    private static final Logger LOG = LoggerFactory.getLogger("carafe.retry");
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long MAX_PAUSE_MILLIS = 500;

    private final int limit;
    private final Consumer<TransactionFailure> metrics;
    private final AtomicLong retried = new AtomicLong();

    /**
     * Creates the policy.
     *
     * @param limit how many retries may follow a first attempt
     * @param metrics told of each retry with its reason
     */
    public RetryPolicy(int limit, Consumer<TransactionFailure> metrics) {
        this.limit = limit;
        this.metrics = metrics;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public boolean againAfter(Throwable failure, int attempt) {
        TransactionFailure kind = TransactionFailure.of(failure);
        if (!kind.retryable() || attempt > limit) return false;
        retried.incrementAndGet();
        metrics.accept(kind);
        LOG.info("Running a transaction again (attempt {} of {}) after a {}: {}", attempt + 1, limit + 1,
                kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), failure.toString());
        return pause(attempt);
    }

    @Override
    public long retried() {
        return retried.get();
    }

    /**
     * Runs work again while it fails retryably and retries remain.
     *
     * @param attempt one whole attempt, in its own context
     * @param <T> the result type
     * @return what the first successful attempt returned
     */
    public <T> T run(Supplier<T> attempt) {
        for (int number = 1; ; number++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (!againAfter(e, number)) throw e;
            }
        }
    }

    private static boolean pause(int attempt) {
        long base = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 16));
        // Spread over half to one and a half times the base, so colliding writers drift apart.
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
