/**
 * Not API. The replicas of a bind (their pools, health and replay checks) and the signed tokens
 * that carry a client's write positions from one request to the next.
 */
package dev.carafe.replica.internal;
