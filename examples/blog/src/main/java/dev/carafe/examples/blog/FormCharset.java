package dev.carafe.examples.blog;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;

/** Refuses a request body in a charset the JDK does not know with a 400, where the form parser would fail with a 500. */
final class FormCharset {
    private FormCharset() {}

    /**
     * A before-handler that checks the charset of the {@code Content-Type}, if it names one, as
     * Javalin's form parser reads it.
     */
    static void check(Context ctx) {
        String charset = ctx.characterEncoding();
        if (charset != null && !supported(charset)) {
            throw new BadRequestResponse("The charset of the request's Content-Type is not supported: send forms as UTF-8.");
        }
    }

    private static boolean supported(String charset) {
        try {
            return Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
