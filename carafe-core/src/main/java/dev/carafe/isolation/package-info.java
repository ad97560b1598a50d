/**
 * Test isolation: {@code db.isolate()} makes every thread's work through {@code db} run on one
 * connection per bind inside a transaction that is rolled back at the end, the requests a test
 * sends to the application over HTTP included. It also counts the statements of a block, switches
 * N+1 detection on, and tells what a test left open. The JUnit 5 extension of {@code carafe-test}
 * is built on it.
 */
package dev.carafe.isolation;
