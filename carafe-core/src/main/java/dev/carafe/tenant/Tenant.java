package dev.carafe.tenant;

import dev.carafe.migrate.Migration;
import dev.carafe.schema.SchemaDifference;
import dev.carafe.session.DbContext;
import dev.carafe.session.Session;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One tenant's contexts, for background jobs and scripts ({@code db.forTenant("acme")}); the web
 * plugins open a request's context for the tenant their resolver names. The tenant must exist when
 * a context opens. Thread-safe.
 *
 * <pre>{@code
 * db.forTenant("acme").useTransaction(session -> session.add(new Todo("ship it")));
 * }</pre>
 */
public interface Tenant {
    /**
     * Returns the tenant's id.
     *
     * @return the id
     */
    String id();

    /**
     * Opens a context for the tenant and makes it current, like {@code db.context()}.
     *
     * @return the open context; close it
     * @throws UnknownTenantException when the tenant does not exist
     */
    DbContext context();

    /**
     * Runs work in a new context of the tenant.
     *
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    default <T> T withContext(Supplier<T> work) {
        try (DbContext ignored = context()) {
            return work.get();
        }
    }

    /**
     * Runs work in a new context of the tenant.
     *
     * @param work the work
     */
    default void useContext(Runnable work) {
        withContext(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Applies the tenant's pending migrations on the binds with a schema or a database per tenant
     * (the command line's {@code db upgrade --tenant ID}).
     *
     * @return the migrations applied
     * @throws UnknownTenantException when the tenant does not exist
     */
    List<Migration> migrate();

    /**
     * Compares the tenant's tables with the models (the command line's {@code db check --tenant ID}).
     *
     * @return the differences, empty when they match
     * @throws UnknownTenantException when the tenant does not exist
     */
    List<SchemaDifference> schemaDifferences();

    /**
     * Runs work in a transaction in a new context of the tenant: commits when it returns, rolls back when it throws.
     *
     * @param work the work, given the session
     * @param <T> the result type
     * @return what the work returned
     */
    <T> T inTransaction(Function<Session, T> work);

    /**
     * Runs work in a transaction in a new context of the tenant.
     *
     * @param work the work, given the session
     */
    default void useTransaction(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }
}
