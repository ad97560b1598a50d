package dev.carafe.tenant;

import java.util.regex.Pattern;

/**
 * The rule every tenant id passes before Carafe uses it: a lower-case letter, then up to 62
 * lower-case letters, digits or underscores. An id that names a schema or a database becomes part
 * of SQL, so nothing else (quotes, dots, spaces, dashes, upper case) is let through. Thread-safe.
 */
public final class TenantIds {
    /** The rule, as the messages state it. */
    public static final String RULE = "a lower-case letter followed by up to 62 lower-case letters, digits or underscores";

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private TenantIds() {}

    /**
     * Returns the id when it follows the rule.
     *
     * @param id a tenant id, perhaps straight from a request
     * @return the id
     * @throws InvalidTenantException when it is missing or breaks the rule
     */
    public static String check(String id) {
        if (id == null || !VALID.matcher(id).matches()) throw new InvalidTenantException(RULE);
        return id;
    }
}
