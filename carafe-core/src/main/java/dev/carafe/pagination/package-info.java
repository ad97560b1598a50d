/**
 * Pages: Flask-SQLAlchemy's {@link dev.carafe.pagination.Pagination}, {@link dev.carafe.pagination.PageRequest},
 * {@link dev.carafe.pagination.PageSource} for other sources, and keyset pages ({@link dev.carafe.pagination.KeysetPage}).
 */
package dev.carafe.pagination;
