/**
 * For web integrations: {@link dev.carafe.web.RequestContexts} opens a request's context, and
 * {@link dev.carafe.web.ErrorResponse} turns Carafe's exceptions into HTTP responses.
 */
package dev.carafe.web;
