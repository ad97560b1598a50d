package dev.carafe.tenant;

import dev.carafe.error.NotFoundException;

/**
 * A valid tenant id that no tenant has: it was never created with {@code db.tenants().create(id)},
 * or was dropped. The web plugins answer it with 404.
 */
public class UnknownTenantException extends NotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param tenant the id, which has passed {@link TenantIds#check(String)}
     */
    public UnknownTenantException(String tenant) {
        super("There is no tenant '" + tenant + "'.");
    }
}
