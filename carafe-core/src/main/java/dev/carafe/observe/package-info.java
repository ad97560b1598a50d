/**
 * What Carafe tells about the statements and commits it sees: recorded queries, model changes,
 * N+1 detection.
 */
package dev.carafe.observe;
