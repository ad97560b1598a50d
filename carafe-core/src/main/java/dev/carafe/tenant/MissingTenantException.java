package dev.carafe.tenant;

import dev.carafe.error.BadRequestException;

/**
 * A web request named no tenant where one is required: the web plugins' tenant resolver found none
 * and the path is not one of {@code pathsWithoutTenant}. They answer it with 400. (Code that uses a
 * tenancy bind in a context without a tenant gets an {@link IllegalStateException} instead: that is
 * the application's mistake, not the client's.) Carafe never falls back to a default tenant.
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
