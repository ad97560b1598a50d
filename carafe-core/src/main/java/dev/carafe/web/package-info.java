/**
 * For web integrations: {@link dev.carafe.web.RequestContexts} opens a request's context,
 * {@link dev.carafe.web.ErrorResponse} turns Carafe's exceptions into HTTP responses, which an
 * {@link dev.carafe.web.ErrorFormat} writes as an {@link dev.carafe.web.ErrorBody} and
 * {@link dev.carafe.web.ErrorLog} logs; {@link dev.carafe.web.JsonString} escapes JSON text.
 */
package dev.carafe.web;
