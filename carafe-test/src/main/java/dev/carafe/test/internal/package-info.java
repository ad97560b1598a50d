/** Not API. What the JUnit 5 extension reports after a test, and the arguments of {@code @CarafeDatabases}. */
package dev.carafe.test.internal;
