/**
 * Not API. Helpers of the servlet filter.
 */
package dev.carafe.servlet.internal;
