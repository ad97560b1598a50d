package dev.carafe.observe.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masks the values a statement binds to columns named like secrets before they are recorded or
 * echoed: {@code password}, {@code password_hash}, {@code api_key}, {@code reset_token} and the
 * names of {@code redact-parameters}. A column is secret when its name, in lower case without
 * underscores and dashes, contains one of these words.
 *
 * <p>{@link SqlPlaceholders} reads which column each {@code ?} binds from the SQL. When a
 * placeholder's column cannot be told ({@code lower(?)}, a tuple, a function's argument), its value
 * is masked too; only the row counts after {@code limit}, {@code offset} and {@code fetch first} are
 * shown without a column. Thread-safe.
 */
public final class ParameterRedactor {
    /** What a masked value is replaced with. */
    public static final String MASK = "***";

    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "secret", "token",
            "apikey", "privatekey", "credential");
    /** Statements are few in a real application; this bound only guards against SQL written with literals. */
    private static final int MAX_CACHED = 2048;

    private final List<String> words;
    private final Map<String, boolean[]> masks = new ConcurrentHashMap<>();

    /**
     * Creates a redactor.
     *
     * @param moreNames column or attribute names to mask on top of Carafe's own
     */
    public ParameterRedactor(List<String> moreNames) {
        List<String> all = new ArrayList<>(SECRET_WORDS);
        for (String name : moreNames) {
            String word = normalized(name);
            if (!word.isEmpty()) all.add(word);
        }
        this.words = List.copyOf(all);
    }

    /**
     * Returns the values of each execution of a statement with the values of secret columns, and
     * of placeholders whose column cannot be told, replaced by {@link #MASK}; {@code null} stays
     * {@code null}.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param executions the values of each execution, in placeholder order
     * @return the values as they may be shown
     */
    List<List<Object>> redact(String sql, List<List<Object>> executions) {
        if (executions.isEmpty()) return executions;
        boolean[] masked = masks.get(sql);
        if (masked == null) {
            if (masks.size() >= MAX_CACHED) masks.clear();
            masked = maskOf(SqlPlaceholders.columns(sql));
            masks.put(sql, masked);
        }
        List<List<Object>> shown = new ArrayList<>(executions.size());
        for (List<Object> values : executions) shown.add(redact(values, masked));
        return shown;
    }

    private static List<Object> redact(List<Object> values, boolean[] masked) {
        // A count that does not match the placeholders found means the SQL was not understood: mask all.
        boolean understood = values.size() == masked.length;
        List<Object> shown = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            shown.add(value != null && (!understood || masked[i]) ? MASK : value);
        }
        return shown;
    }

    private boolean[] maskOf(List<String> columns) {
        boolean[] masked = new boolean[columns.size()];
        for (int i = 0; i < masked.length; i++) {
            String column = columns.get(i);
            masked[i] = column == null || isSecret(column);
        }
        return masked;
    }

    private boolean isSecret(String column) {
        if (column.equals(SqlPlaceholders.ROW_COUNT)) return false;
        String name = normalized(column);
        for (String word : words) {
            if (name.contains(word)) return true;
        }
        return false;
    }

    private static String normalized(String name) {
        StringBuilder letters = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) letters.append(c);
        }
        return letters.toString();
    }
}
