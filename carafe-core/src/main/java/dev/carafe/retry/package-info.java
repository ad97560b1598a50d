/**
 * Transactions run again after a conflict: {@link dev.carafe.retry.TransactionFailure} tells which
 * failures a new attempt can cure, and {@link dev.carafe.retry.TransactionRetries} decides, counts and
 * spaces the attempts of {@code db.inTransaction} and of the web plugins' opted-in routes.
 */
package dev.carafe.retry;
