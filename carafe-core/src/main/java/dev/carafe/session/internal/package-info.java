/**
 * Not API. Contexts, the session that keeps one Hibernate session per bind, and the 404 lookups.
 */
package dev.carafe.session.internal;
