package dev.carafe.examples.todo;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;

/**
 * Reads the fields a request posted. A body Jetty refuses to parse (a broken multipart form, say)
 * gets the client error Jetty chose, usually 400: Javalin would otherwise answer it with 500.
 */
final class FormFields {
    private FormFields() {}

    /** Returns the posted fields by name; a field sent twice has two values. */
    static Map<String, List<String>> of(Context ctx) {
        try {
            return ctx.formParamMap();
        } catch (Exception e) {
            // formParamMap is Kotlin code, which may throw the checked ServletException undeclared.
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof HttpException refused && refused.getCode() >= 400 && refused.getCode() < 500) {
                    throw new HttpResponseException(refused.getCode(), "The form could not be read: " + refused.getReason());
                }
            }
            if (e instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e);
        }
    }

    /** Returns the first value of a field, or the empty string when it was not sent. */
    static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
