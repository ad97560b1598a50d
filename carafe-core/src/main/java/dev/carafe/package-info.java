/**
 * Carafe, Flask-SQLAlchemy for the JVM: {@link dev.carafe.Carafe} is the one door, built once and shared;
 * {@link dev.carafe.Query} is its fluent per-model query. Everything else is reached from these.
 */
package dev.carafe;
