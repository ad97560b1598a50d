package dev.carafe.schema;

import dev.carafe.error.CarafeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code createAll()} or {@code dropAll()} failed on some of the binds it was given. Carafe attempts
 * every bind before it throws this, so the binds that are not named here are done; the message
 * names each failed bind with its failure, and the first failure is the cause (the others are
 * suppressed exceptions). A call on a single bind throws that bind's failure itself instead.
 */
public final class SchemaException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, RuntimeException> failures;

    /**
     * Creates the exception.
     *
     * @param message what failed, by bind, and what was done
     * @param failures each failed bind's exception, by bind key, at least one
     */
    public SchemaException(String message, Map<String, RuntimeException> failures) {
        super(message, failures.values().iterator().next());
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /**
     * Returns the failure of each bind that failed.
     *
     * @return bind keys and their exceptions, in the order the binds were attempted
     */
    public Map<String, RuntimeException> failures() {
        return failures;
    }
}
