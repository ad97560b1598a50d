/**
 * Binds and their engines: {@link dev.carafe.bind.Engine} (one HikariCP pool per bind),
 * {@link dev.carafe.bind.Binds#DEFAULT}, and {@link dev.carafe.bind.DatabaseUnavailableException}.
 */
package dev.carafe.bind;
