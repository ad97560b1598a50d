package dev.carafe.examples.todo;

import dev.carafe.isolation.Isolation;
import dev.carafe.test.TestDatabase;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary strings at every input of the todo app (form fields, done.&lt;id&gt; keys and values,
 * paths): every answer is a 2xx, 3xx, 400 or 404, never a 500, and no input marks or changes a
 * todo it should not.
 */
class HostileInputTest {
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 302, 303, 400, 404, 405, 414, 431);
    private static RunningTodoApp app;
    private static Isolation isolation;
    private static long firstId;

    /** jqwik runs no JUnit extensions: the properties share one isolation, which checks for leaks at the end. */
    @BeforeContainer
    static void start() {
        app = RunningTodoApp.on(TestDatabase.H2);
        isolation = app.db.isolate();
        firstId = app.create(app.browser(), "the one to keep");
    }

    @AfterContainer
    static void stop() {
        if (app == null) return;
        try (RunningTodoApp running = app; Isolation ending = isolation) {
            running.stopServing();
            assertThat(ending.leaks()).as("contexts and connections left open").isEmpty();
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u007f').ofMaxLength(40),
                Arbitraries.of("", " ", "%", "%zz", "%00", "'; drop table todo; --", "\u0000", "\uD83D\uDE00".repeat(300),
                        "x".repeat(256), "x".repeat(2001), "<script>alert(1)</script>", "done.1", "-1", "1e9"));
    }

    @Property(tries = 150)
    void theNewFormNeverFails(@ForAll("hostile") String title, @ForAll("hostile") String text) {
        HttpResponse<String> response = app.browser().post("/new", "title", title, "text", text);
        assertThat(response.statusCode()).as("POST /new").isIn(ALLOWED);
        assertThat(app.todoTitled("the one to keep").isDone()).isFalse();
    }

    @Property(tries = 150)
    void theUpdateFormNeverFailsNorTicksATodoItWasNotAskedTo(@ForAll("hostile") String key, @ForAll("hostile") String value) {
        HttpResponse<String> response = app.browser().post("/update", key, value);
        assertThat(response.statusCode()).as("POST /update").isIn(ALLOWED);
        boolean asked = key.equals("done." + firstId);
        assertThat(app.todoTitled("the one to keep").isDone()).isEqualTo(asked);
        if (asked) app.browser().post("/update");
    }

    @Property(tries = 100)
    void anyPathNeverFails(@ForAll("hostile") String segment) {
        String path = "/" + URLEncoder.encode(segment, StandardCharsets.UTF_8);
        for (String method : List.of("GET", "POST")) {
            HttpResponse<String> response = method.equals("GET") ? app.browser().get(path) : app.browser().post(path);
            assertThat(response.statusCode()).as(method + " " + path).isIn(ALLOWED);
        }
    }
}
