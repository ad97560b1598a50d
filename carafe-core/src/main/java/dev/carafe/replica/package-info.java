/**
 * Read replicas: a bind with {@code replica-urls} reads from its replicas until a context writes,
 * and clients see their own writes across requests through a signed position token, which the
 * web plugins keep in a cookie. See docs/replicas.md.
 */
package dev.carafe.replica;
