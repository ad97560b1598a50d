/**
 * Schema descriptions: {@link dev.carafe.schema.Metadata} of a bind, its tables, columns, keys and indexes.
 */
package dev.carafe.schema;
