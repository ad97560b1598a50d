/**
 * Not API. The retry policy behind {@link dev.carafe.retry.TransactionRetries}.
 */
package dev.carafe.retry.internal;
