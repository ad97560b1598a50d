package dev.carafe.examples.todo;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the jte templates of {@code src/main/jte}, which the build compiled to Java classes:
 * nothing is parsed or compiled at run time, and every {@code ${...}} is HTML-escaped.
 */
final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template as the HTML response of a request. */
    void render(Context ctx, String template, Map<String, Object> parameters) {
        StringOutput output = new StringOutput();
        engine.render(template, parameters, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }
}
