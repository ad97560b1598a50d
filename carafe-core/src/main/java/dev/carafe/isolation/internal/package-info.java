/**
 * Not API. Test isolation: one pinned connection per bind, leased to every session, with commits
 * turned into savepoints and threads taking turns on it; the record of statements, contexts and
 * leases a test leaves behind.
 */
package dev.carafe.isolation.internal;
