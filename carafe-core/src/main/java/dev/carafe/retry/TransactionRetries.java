package dev.carafe.retry;

/**
 * Decides whether a failed transaction runs again, counts the retries and spaces them: the policy
 * behind {@code db.inTransaction(...)} and {@code db.useTransaction(...)}, and behind the web
 * plugins' routes that opt in to retries. At most {@link #limit()} retries (the configuration key
 * {@code transaction-retries}, default 3) follow the first attempt, each after a short, randomly
 * spread pause, so that two transactions that collided do not collide again. Obtain it from
 * {@code db.transactionRetries()}. Thread-safe.
 *
 * <pre>{@code
 * for (int attempt = 1; ; attempt++) {
 *     try {
 *         return runTheWholeTransaction();
 *     } catch (RuntimeException e) {
 *         if (!retries.againAfter(e, attempt)) throw e;
 *     }
 * }
 * }</pre>
 */
public interface TransactionRetries {

    /**
     * Returns how many times a transaction may run again after its first attempt.
     *
     * @return the {@code transaction-retries} setting; 0 turns retries off
     */
    int limit();

    /**
     * Decides whether to run a failed attempt again. When the failure is
     * {@linkplain TransactionFailure#retryable() retryable} and retries remain, it counts and logs
     * the retry, pauses (a few milliseconds, doubling with each attempt, randomly spread) and returns
     * true; otherwise it returns false at once and the caller passes the failure on.
     *
     * @param failure what the attempt threw
     * @param attempt the number of the attempt that failed, 1 for the first
     * @return whether to run the transaction again, in a fresh context
     */
    boolean againAfter(Throwable failure, int attempt);

    /**
     * Returns how many retries ran since this Carafe instance started, across all threads.
     *
     * @return the count of transactions run again
     */
    long retried();
}
