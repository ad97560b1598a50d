/**
 * Not API. Carafe's select, the HQL it is written as, and the Hibernate queries made from it.
 */
package dev.carafe.query.internal;
