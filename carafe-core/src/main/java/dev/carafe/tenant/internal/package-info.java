/** The implementation of {@code dev.carafe.tenant}: the tenant registry and the contexts of a tenant. Not API. */
package dev.carafe.tenant.internal;
