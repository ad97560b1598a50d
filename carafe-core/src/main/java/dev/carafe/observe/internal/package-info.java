/**
 * Not API. The statement observer installed on a bind's pool, code locations, the change recorder
 * and listeners, Micrometer metrics.
 */
package dev.carafe.observe.internal;
