package dev.carafe.examples.blog;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/** Renders the precompiled jte templates of {@code src/main/jte}; output is HTML-escaped by default. */
final class Views {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SignedSession sessions;
    private final Auth auth;
    private final CsrfProtection csrf;

    Views(SignedSession sessions, Auth auth, CsrfProtection csrf) {
        this.sessions = sessions;
        this.auth = auth;
        this.csrf = csrf;
    }

    /** Renders a template with the layout's page data added as {@code page}. */
    void render(Context ctx, String template, Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("page", new Page(auth.currentUser(ctx), sessions.takeFlashes(ctx), () -> csrf.token(ctx)));
        StringOutput output = new StringOutput();
        engine.render(template, all, output);
        ctx.html(output.toString());
    }
}
