/**
 * Not API. Applying each bind's migrations with Flyway, and writing the next one from the
 * differences between its models and its schema.
 */
package dev.carafe.migrate.internal;
