package dev.carafe.examples.todo;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance checks of the behaviour spec (section 4b), which hold against Flask-SQLAlchemy's
 * own todo app, over real HTTP, on H2 and on PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class TodoAcceptanceTest {
    static RunningTodoApp app;

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(() -> app.db);

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) {
        app = RunningTodoApp.on(database);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (app != null) app.close();
        app = null;
    }

    @Test
    void theListGives200() {
        assertThat(app.browser().get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyTitleGives200WithTitleIsRequired() {
        HttpResponse<String> response = app.browser().post("/new", "title", "", "text", "some text");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Title is required");
    }

    @Test
    void aTitleWithNoTextGivesTextIsRequired() {
        HttpResponse<String> response = app.browser().post("/new", "title", "a title", "text", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Text is required");
    }

    @Test
    void aValidPostRedirectsToTheListWhichShowsTheTitleAndTheFlash() {
        TodoClient browser = app.browser();
        String title = uniqueTitle();

        HttpResponse<String> created = browser.post("/new", "title", title, "text", "the text");

        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValue("/");
        String list = browser.get("/").body();
        assertThat(list).contains(title, "the text", "Todo item was successfully created");
    }

    @Test
    void updateWithTheBoxCheckedRedirectsToTheListWhichShowsItCheckedAndUpdatedStatus() {
        TodoClient browser = app.browser();
        long id = app.create(browser, uniqueTitle());

        HttpResponse<String> updated = browser.post("/update", "done." + id, "on");

        assertThat(updated.statusCode()).isEqualTo(302);
        assertThat(updated.headers().firstValue("Location")).hasValue("/");
        String list = browser.get("/").body();
        assertThat(list).contains("<input type=\"checkbox\" name=\"done." + id + "\" checked>", "Updated status");
    }

    @Test
    void getUpdateGives405() {
        assertThat(app.browser().get("/update").statusCode()).isEqualTo(405);
    }

    @Test
    void updateWithTheBoxUncheckedMarksTheTodoNotDone() {
        TodoClient browser = app.browser();
        String title = uniqueTitle();
        long id = app.create(browser, title);
        browser.post("/update", "done." + id, "on");

        browser.post("/update");

        assertThat(app.todoTitled(title).isDone()).isFalse();
        assertThat(browser.get("/").body()).contains("<input type=\"checkbox\" name=\"done." + id + "\">");
    }

    @Test
    void theListShowsNewestFirstWithIdAndDateToTheMinute() {
        TodoClient browser = app.browser();
        String older = uniqueTitle();
        String newer = uniqueTitle();
        long olderId = app.create(browser, older);
        app.create(browser, newer);

        String list = browser.get("/").body();

        assertThat(list.indexOf(newer)).isLessThan(list.indexOf(older));
        assertThat(list).containsPattern("<td>" + olderId + "</td>\\s*<td>" + older
                + "</td>\\s*<td>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}</td>");
    }

    @Test
    void aFlashIsShownOnce() {
        TodoClient browser = app.browser();
        app.create(browser, uniqueTitle());
        assertThat(browser.get("/").body()).contains("Todo item was successfully created");

        assertThat(browser.get("/").body()).doesNotContain("Todo item was successfully created");
    }

    @Test
    void theFormKeepsWhatWasTypedWhenItIsSentBack() {
        HttpResponse<String> response = app.browser().post("/new", "title", "", "text", "keep me");

        assertThat(response.body()).contains("<textarea name=\"text\" rows=\"10\" cols=\"40\">keep me</textarea>");
    }

    @Test
    void titlesAndTextsAreHtmlEscaped() {
        TodoClient browser = app.browser();
        app.create(browser, "<b>bold</b> & \"quoted\"", "<script>alert(1)</script>");

        String list = browser.get("/").body();

        assertThat(list).contains("&lt;b&gt;bold&lt;/b&gt; &amp; \"quoted\"", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void aTitleSentBackInTheFormIsEscapedInItsAttribute() {
        HttpResponse<String> response = app.browser().post("/new", "title", "say \"hi\" <now>", "text", "");

        assertThat(response.body()).contains("<input name=\"title\" value=\"say &#34;hi&#34; &lt;now>\">");
    }

    @Test
    void theNewLinkAndTheUpdateFormAreOnTheList() {
        String list = app.browser().get("/").body();

        assertThat(list).contains("<form action=\"/update\" method=\"post\">", "<a href=\"/new\">New</a>");
    }

    static String uniqueTitle() {
        return "todo " + UUID.randomUUID();
    }
}
