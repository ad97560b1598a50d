/**
 * Selects: {@link dev.carafe.query.Select}, SQLAlchemy's {@code select()} on Hibernate's restrictions
 * and orders, and {@link dev.carafe.query.InvalidQueryException}.
 */
package dev.carafe.query;
