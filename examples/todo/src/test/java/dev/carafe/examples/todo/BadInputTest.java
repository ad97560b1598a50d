package dev.carafe.examples.todo;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never gives a 500: it gives the form back with the problem, or 400. */
@ParameterizedClass(name = "{0}")
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class BadInputTest {
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
    void aFormWithNoFieldsSaysTitleIsRequired() {
        HttpResponse<String> response = app.browser().post("/new");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Title is required");
    }

    @Test
    void aFormWithNoTextFieldSaysTextIsRequired() {
        HttpResponse<String> response = app.browser().post("/new", "title", "no text field");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Text is required");
    }

    @Test
    void aTitleLongerThanItsColumnIsRefusedWithAMessage() {
        long before = app.todoCount();

        HttpResponse<String> response = app.browser().post("/new", "title", "x".repeat(256), "text", "t");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Title is too long (at most 255 characters)");
        assertThat(app.todoCount()).isEqualTo(before);
    }

    @Test
    void aTextLongerThanItsColumnIsRefusedWithAMessage() {
        HttpResponse<String> response = app.browser().post("/new", "title", "long text", "text", "x".repeat(2001));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Text is too long (at most 2000 characters)");
    }

    @Test
    void aTitleOf255Utf16UnitsIsSaved() {
        String title = "\uD83D\uDE00".repeat(127) + "é";

        HttpResponse<String> response = app.browser().post("/new", "title", title, "text", "emoji");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(app.todoTitled(title)).isNotNull();
    }

    @Test
    void aTitleOf256Utf16UnitsIsRefusedOnEveryDatabase() {
        HttpResponse<String> response = app.browser().post("/new", "title", "\uD83D\uDE00".repeat(128), "text", "t");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Title is too long (at most 255 characters)");
    }

    @Test
    void aNulCharacterIsRefusedWithAMessage() {
        HttpResponse<String> response = app.browser().post("/new", "title", "a\0b", "text", "t");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Error: Title must not contain NUL characters");
    }

    @Test
    void aNonNumericDoneKeyIsIgnored() {
        TodoClient browser = app.browser();
        String title = "kept done " + System.nanoTime();
        long id = app.create(browser, title);

        HttpResponse<String> response = browser.post("/update", "done.x", "on", "done.", "on", "done." + id, "on",
                "done.99999999999999999999", "on", "done.-1", "on");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(app.todoTitled(title).isDone()).isTrue();
    }

    @Test
    void aMalformedMultipartBodyGives400() {
        HttpResponse<String> response = app.browser().postRaw("/new", "multipart/form-data; boundary=xyz", "garbage");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void malformedPercentEncodingIsNotAServerError() {
        HttpResponse<String> response = app.browser().postRaw("/new", "application/x-www-form-urlencoded", "title=%zz&text=%");

        assertThat(response.statusCode()).isIn(200, 302, 400);
    }
}
