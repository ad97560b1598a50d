package dev.carafe.testmodels.zoo;

/**
 * A query result that is not a model: a record filled by {@code select new}.
 *
 * @param title the book's title
 * @param writer the writer's name
 */
public record BookLine(String title, String writer) {}
