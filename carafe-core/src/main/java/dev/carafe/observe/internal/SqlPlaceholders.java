package dev.carafe.observe.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads which column each {@code ?} of a statement binds: an INSERT's column list, an UPDATE's
 * {@code set column = ?}, and comparisons such as {@code column = ?}, {@code ? = column},
 * {@code column not like ?}, {@code column in (?, ?)}, {@code column = any (?)} and
 * {@code column between ? and ?} anywhere.
 * Not a SQL parser: it reads the shapes Hibernate writes, and says "unknown" for anything else.
 */
final class SqlPlaceholders {
    /** The "column" of a row count: the placeholder after {@code limit}, {@code offset}, {@code fetch first}. */
    static final String ROW_COUNT = "";

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=", "like", "ilike");
    private static final Set<String> QUANTIFIERS = Set.of("any", "all", "some");
    private static final Set<String> ROW_COUNTS = Set.of("limit", "offset", "first", "next", "top");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "null", "like", "ilike",
            "between", "where", "set", "values", "case", "when", "then", "else", "end", "on", "select", "from",
            "exists", "any", "all", "some", "having", "by", "distinct", "escape");
    private static final List<String> OPERATORS = List.of("<>", "!=", "<=", ">=", "||", "::");

    private final List<String> tokens;
    private final String[] assigned;

    private SqlPlaceholders(String sql) {
        this.tokens = tokens(sql);
        this.assigned = new String[tokens.size()];
    }

    /**
     * Returns the column of each placeholder, in order: its name in lower case, {@link #ROW_COUNT},
     * or {@code null} when it cannot be told.
     *
     * @param sql the statement
     * @return one entry per {@code ?} outside literals and comments
     */
    static List<String> columns(String sql) {
        return new SqlPlaceholders(sql).columns();
    }

    private List<String> columns() {
        String verb = tokens.isEmpty() ? "" : tokens.get(0);
        if (verb.equals("insert")) insertColumns();
        if (verb.equals("update")) setColumns();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals("?")) columns.add(assigned[i] != null ? assigned[i] : comparedColumn(i));
        }
        return columns;
    }

    /** {@code insert into t (a, b) values (?, ?), (?, ?)}: each value of a row binds its column. */
    private void insertColumns() {
        int open = tokens.indexOf("(");
        int values = tokens.indexOf("values");
        if (open < 0 || values < open) return;
        List<String> columns = new ArrayList<>();
        for (int i = open + 1; i < values && !tokens.get(i).equals(")"); i++) {
            if (!tokens.get(i).equals(",")) columns.add(tokens.get(i));
        }
        int depth = 0;
        int item = 0;
        for (int i = values + 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("(")) {
                if (depth++ == 0) item = 0;
            } else if (token.equals(")")) {
                // The rows end at a closing parenthesis not followed by another row.
                if (--depth == 0 && (i + 1 == tokens.size() || !tokens.get(i + 1).equals(","))) return;
            } else if (token.equals(",") && depth == 1) {
                item++;
            } else if (token.equals("?") && depth >= 1 && item < columns.size()) {
                assigned[i] = columns.get(item);
            }
        }
    }

    /** {@code update t set a = ?, b = lower(?) where ...}: each value binds the column it is assigned to. */
    private void setColumns() {
        int set = tokens.indexOf("set");
        if (set < 0) return;
        String column = null;
        int depth = 0;
        for (int i = set + 1; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (depth == 0 && (token.equals("where") || token.equals("from") || token.equals("returning"))) return;
            if (token.equals("(")) depth++;
            else if (token.equals(")")) depth--;
            else if (depth == 0 && token.equals(",")) column = null;
            else if (depth == 0 && token.equals("=") && column == null) column = name(i - 1);
            else if (token.equals("?")) assigned[i] = column;
        }
    }

    private String comparedColumn(int at) {
        int before = at - 1;
        // Inside a list, (?, ?, ?) or limit ?, ?: go back to what the list follows.
        while (before >= 0 && (tokens.get(before).equals("?") || tokens.get(before).equals(","))) before--;
        if (before < 0) return null;
        String previous = tokens.get(before);
        if (ROW_COUNTS.contains(previous)) return ROW_COUNT;
        if (previous.equals("(") && before >= 1 && tokens.get(before - 1).equals("in")) return subject(before - 2);
        // column = any (?), PostgreSQL's batch fetch of an array of ids; column <> all (?).
        if (previous.equals("(") && before >= 2 && QUANTIFIERS.contains(tokens.get(before - 1))
                && COMPARISONS.contains(tokens.get(before - 2))) {
            return subject(before - 3);
        }
        if (COMPARISONS.contains(previous) || previous.equals("between")) return subject(before - 1);
        if (previous.equals("and") && before >= 2 && tokens.get(before - 1).equals("?")
                && tokens.get(before - 2).equals("between")) {
            return subject(before - 3);
        }
        if (at + 2 < tokens.size() && COMPARISONS.contains(tokens.get(at + 1))) {
            // ? < m1_0.id: the column is the last part of the qualified name.
            int last = at + 2;
            while (last + 2 < tokens.size() && tokens.get(last + 1).equals(".")) last += 2;
            return name(last);
        }
        return null;
    }

    /** The column an operator at {@code at + 1} applies to, past a {@code not}. */
    private String subject(int at) {
        return name(at >= 0 && tokens.get(at).equals("not") ? at - 1 : at);
    }

    /** The name at a token, or {@code null} when the token is not one ({@code )}, {@code ?}, a keyword, a number). */
    private String name(int at) {
        if (at < 0 || at >= tokens.size()) return null;
        String token = tokens.get(at);
        boolean word = !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
        return word && !KEYWORDS.contains(token) ? token : null;
    }

    /**
     * Splits SQL into lower-case words (quoted names without their quotes), operators and single
     * characters, leaving out string literals and comments, whose {@code ?} are not placeholders.
     */
    private static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                i = closing(sql, i, '\'');
                tokens.add("'");
            } else if (c == '"' || c == '`') {
                int end = closing(sql, i, c);
                tokens.add(sql.substring(i + 1, Math.max(i + 1, end - 1)).toLowerCase(Locale.ROOT));
                i = end;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? length : end;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int start = i;
                while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                tokens.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                String operator = operatorAt(sql, i);
                tokens.add(operator);
                i += operator.length();
            }
        }
        return tokens;
    }

    /** The index after the quote that closes the one at {@code start}; a doubled quote is an escaped one. */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static String operatorAt(String sql, int at) {
        for (String operator : OPERATORS) {
            if (sql.startsWith(operator, at)) return operator;
        }
        return String.valueOf(sql.charAt(at));
    }
}
