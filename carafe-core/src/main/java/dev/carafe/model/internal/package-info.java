/**
 * Not API. The model registry (which bind each model lives on), package scanning and table naming.
 */
package dev.carafe.model.internal;
