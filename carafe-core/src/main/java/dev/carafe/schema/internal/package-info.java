/**
 * Not API. Creating, dropping and reflecting each bind's tables.
 */
package dev.carafe.schema.internal;
