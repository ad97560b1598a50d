/**
 * Not API. One object per bind ({@code Bind}: its pool, statement observers, Hibernate mapping and
 * session factory), the set of binds, URL parsing and pool defaults per database.
 */
package dev.carafe.bind.internal;
