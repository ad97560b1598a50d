/**
 * Carafe for JUnit 5: {@link dev.carafe.test.CarafeExtension} isolates every test, the requests it
 * sends to the application over HTTP included, and fails a test that leaves a context or a
 * connection open; it also resets tables and counts statements. {@link dev.carafe.test.TestDatabase}
 * and {@link dev.carafe.test.CarafeDatabases} run a test on each of H2, SQLite, PostgreSQL and MariaDB.
 */
package dev.carafe.test;
