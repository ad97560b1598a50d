package dev.carafe.tenant;

import dev.carafe.error.BadRequestException;

/**
 * A tenant id breaks {@link TenantIds}' rule. The web plugins answer it with 400; the id itself is
 * never repeated, as it may be anything a client sent.
 */
public class InvalidTenantException extends BadRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param rule the rule the id broke
     */
    public InvalidTenantException(String rule) {
        super("The tenant id is not valid: a tenant id is " + rule + ".");
    }
}
