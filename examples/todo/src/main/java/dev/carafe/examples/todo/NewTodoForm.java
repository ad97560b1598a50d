package dev.carafe.examples.todo;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The form of {@code /new}: what the user typed, kept to fill the form again when it is sent back
 * with a problem. A missing field counts as an empty one.
 *
 * @param title the title field
 * @param text the text field
 */
record NewTodoForm(String title, String text) {

    /** Returns an empty form, for {@code GET /new}. */
    static NewTodoForm blank() {
        return new NewTodoForm("", "");
    }

    /** Reads the form a request posted. */
    static NewTodoForm from(Context ctx) {
        Map<String, List<String>> fields = FormFields.of(ctx);
        return new NewTodoForm(FormFields.first(fields, "title"), FormFields.first(fields, "text"));
    }

    /**
     * Returns the first problem with the form, in the order Flask's example checks its fields, or
     * {@code null} when a todo can be saved from it. Lengths and NUL characters are checked here
     * so that the database never refuses the row with a 500.
     */
    String firstProblem() {
        String problem = problem("Title", title, Todo.TITLE_LENGTH);
        return problem != null ? problem : problem("Text", text, Todo.TEXT_LENGTH);
    }

    private static String problem(String field, String value, int maxLength) {
        if (value.isEmpty()) return field + " is required";
        // UTF-16 units, as H2 counts varchar(n); PostgreSQL and MariaDB count code points, never more.
        if (value.length() > maxLength) {
            return field + " is too long (at most " + maxLength + " characters)";
        }
        // PostgreSQL refuses NUL in text values.
        if (value.indexOf('\0') >= 0) return field + " must not contain NUL characters";
        return null;
    }
}
