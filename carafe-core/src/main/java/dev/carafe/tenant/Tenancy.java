package dev.carafe.tenant;

/**
 * How a bind keeps its tenants apart (the engine option {@code tenancy}).
 */
public enum Tenancy {
    /**
     * A schema per tenant in the bind's database (PostgreSQL, H2); on MariaDB and MySQL, where a
     * schema is a database, a database per tenant on the bind's server. One pool serves every tenant:
     * each checkout switches to the tenant's schema and each return switches back.
     */
    SCHEMA,
    /** A database per tenant, at the URL of the engine option {@code tenant-url}; a pool per tenant, bounded. */
    DATABASE,
    /** One set of tables whose rows carry the tenant in a Hibernate {@code @TenantId} column. */
    DISCRIMINATOR
}
