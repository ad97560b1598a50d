/**
 * Multi-tenancy: {@link dev.carafe.tenant.Tenancy} (a schema, a database or a column per tenant),
 * {@link dev.carafe.tenant.Tenant} ({@code db.forTenant("acme")}, the contexts of one tenant),
 * {@link dev.carafe.tenant.Tenants} ({@code db.tenants()}: create, drop, list) and
 * {@link dev.carafe.tenant.TenantIds}, the rule every tenant id passes before any SQL runs.
 */
package dev.carafe.tenant;
