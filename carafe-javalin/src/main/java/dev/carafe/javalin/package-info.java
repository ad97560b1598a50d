/**
 * The Javalin 7 plugin: a Carafe context per request, error responses, the debug view.
 */
package dev.carafe.javalin;
