/**
 * Not API. The paginator behind {@code db.paginate}, the page source of a select, keyset pages and
 * their signed cursors.
 */
package dev.carafe.pagination.internal;
