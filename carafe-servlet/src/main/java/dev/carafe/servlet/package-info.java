/**
 * The Jakarta Servlet filter: a Carafe context per request, for any servlet container.
 */
package dev.carafe.servlet;
