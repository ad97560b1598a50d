package dev.carafe.tenant;

import dev.carafe.error.BadRequestException;

/**
 * A bind that keeps tenants apart was used in a context that has no tenant, or a request named none.
 * Carafe never falls back to a default tenant. The web plugins answer it with 400.
 */
public class MissingTenantException extends BadRequestException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was missing and how to give it
     */
    public MissingTenantException(String message) {
        super(message);
    }
}
