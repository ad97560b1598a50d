/**
 * The root of Carafe's exceptions and those that stand for an HTTP answer:
 * {@link dev.carafe.error.NotFoundException} (404) and {@link dev.carafe.error.BadRequestException} (400).
 */
package dev.carafe.error;
