package dev.carafe.schema;

/**
 * A column of a table, as declared by a model or read from the database by {@code reflect()}.
 *
 * @param name the column's name as the database stores it
 * @param type the database type, such as {@code varchar(255)} or {@code int8}, lower case
 * @param nullable whether the column accepts null
 * @param defaultValue the column's default as SQL text, or {@code null} when it has none
 * @param primaryKey whether the column is part of the primary key
 */
public record Column(String name, String type, boolean nullable, String defaultValue, boolean primaryKey) {}
