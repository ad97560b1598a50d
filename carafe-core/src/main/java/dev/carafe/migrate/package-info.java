/**
 * Migrations: each bind's schema changes as versioned SQL files, applied by Flyway
 * ({@link dev.carafe.migrate.Migration}, {@link dev.carafe.migrate.MigrationException}).
 */
package dev.carafe.migrate;
