package dev.carafe.observe.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises the repeated selects that are not an N+1 pattern: Hibernate fetching a generated id
 * ({@code select last_insert_rowid()}, {@code select nextval('post_seq')}, a table-based generator's
 * {@code next_val}), and a batch fetch that loads many rows with one statement ({@code id in (?,?,...)},
 * {@code = any(?)}).
 */
final class NPlusOneFilter {
    private static final Pattern FROM = Pattern.compile("\\bfrom\\b");
    private static final Pattern SEVERAL_PARAMETERS = Pattern.compile("\\bin\\s*\\(\\s*\\?\\s*(,\\s*\\?\\s*)+\\)");
    private static final Pattern ANY_ARRAY = Pattern.compile("=\\s*any\\s*\\(\\s*\\?\\s*\\)");

    private NPlusOneFilter() {}

    /**
     * Tells whether a select reads a generated id rather than rows: it selects no table (a function or
     * a sequence value), or it reads the {@code next_val} of a table-based id generator.
     *
     * @param statement the SQL
     * @return whether it fetches an id
     */
    static boolean isIdRetrieval(String statement) {
        String sql = statement.toLowerCase(Locale.ROOT);
        return !FROM.matcher(sql).find() || sql.contains("next_val");
    }

    /**
     * Tells whether a select loads several rows by a list of keys, as Hibernate's batch fetching does.
     *
     * @param statement the SQL
     * @return whether it is a batch fetch
     */
    static boolean isBatchFetch(String statement) {
        String sql = statement.toLowerCase(Locale.ROOT);
        return SEVERAL_PARAMETERS.matcher(sql).find() || ANY_ARRAY.matcher(sql).find();
    }
}
