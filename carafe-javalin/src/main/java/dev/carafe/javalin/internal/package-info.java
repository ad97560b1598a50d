/**
 * Not API. The debug view and its pages.
 */
package dev.carafe.javalin.internal;
