package dev.carafe.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The error bodies in each format, the choice by the Accept header, and the escaping. */
class ErrorFormatTest {
    private static final ErrorResponse NOT_FOUND = new ErrorResponse(404, "Not Found", "Todo <7> doesn't exist.");

    @ParameterizedTest
    @NullAndEmptySource
    void negotiationWithoutAnAcceptHeaderGivesPlainText(String accept) {
        assertThat(ErrorFormat.NEGOTIATE.body(NOT_FOUND, accept))
                .isEqualTo(new ErrorBody("text/plain;charset=utf-8", "404 Not Found: Todo <7> doesn't exist.\n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "*/*                                                                  | text/plain",
        "text/plain                                                           | text/plain",
        "application/json                                                     | application/json",
        "APPLICATION/JSON                                                     | application/json",
        "application/problem+json                                             | application/json",
        "application/json, text/plain, */*                                    | application/json",
        "application/json, text/javascript, */*; q=0.01                       | application/json",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8      | text/html",
        "text/html, application/json                                          | text/html",
        "application/json, text/html                                          | application/json",
        "text/html;q=0.5, application/json                                    | application/json",
        "application/json;q=0.2, text/html;q=0.8                              | text/html",
        "application/json;q=0, text/html                                      | text/html",
        "application/json;q=0                                                 | text/plain",
        "text/html; q=0, */*                                                  | text/plain",
    })
    void negotiationFollowsTheAcceptHeaderAndItsQualities(String accept, String contentType) {
        assertThat(ErrorFormat.NEGOTIATE.body(NOT_FOUND, accept).contentType()).isEqualTo(contentType + ";charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "*/*", "text/plain", ""})
    void jsonIsJsonWhateverTheClientAccepts(String accept) {
        assertThat(ErrorFormat.JSON.body(NOT_FOUND, accept)).isEqualTo(new ErrorBody("application/json;charset=utf-8",
                "{\"error\": \"Not Found\", \"description\": \"Todo \\u003c7\\u003e doesn't exist.\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*"})
    void htmlIsHtmlWhateverTheClientAccepts(String accept) {
        assertThat(ErrorFormat.HTML.body(NOT_FOUND, accept)).isEqualTo(new ErrorBody("text/html;charset=utf-8",
                "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                        + "<p>Todo &lt;7&gt; doesn&#39;t exist.</p>\n"));
    }

    @Test
    void formatsAreNamedInAnyCase() {
        assertThat(ErrorFormat.named("json")).isEqualTo(ErrorFormat.JSON);
        assertThat(ErrorFormat.named(" HTML ")).isEqualTo(ErrorFormat.HTML);
        assertThat(ErrorFormat.named("Negotiate")).isEqualTo(ErrorFormat.NEGOTIATE);
    }

    @Test
    void anUnknownFormatSaysWhichThereAre() {
        assertThatThrownBy(() -> ErrorFormat.named("xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"xml\" is not an error format: use json, html or negotiate.");
    }

    @Test
    void jsonEscapesQuotesControlCharactersMarkupAndLineSeparators() {
        ErrorResponse page = new ErrorResponse(400, "Bad Request", "Say \"hi\"\tto <b>A&B</b> \\ now\n\u0001\u2028");

        assertThat(ErrorFormat.JSON.body(page, null).text()).isEqualTo("{\"error\": \"Bad Request\", \"description\":"
                + " \"Say \\\"hi\\\"\\tto \\u003cb\\u003eA\\u0026B\\u003c/b\\u003e \\\\ now\\n\\u0001\\u2028\"}");
    }

    @Test
    void htmlEscapesTheDescription() {
        ErrorResponse page = new ErrorResponse(404, "Not Found", "No post named <script>alert('hi')</script> & \"co\".");

        assertThat(ErrorFormat.HTML.body(page, null).text()).isEqualTo("<!doctype html>\n<html lang=en>\n"
                + "<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>No post named &lt;script&gt;alert(&#39;hi&#39;)"
                + "&lt;/script&gt; &amp; &quot;co&quot;.</p>\n");
    }

    @Test
    void textOutsideAsciiIsKeptAsIsInEveryFormat() {
        ErrorResponse page = new ErrorResponse(404, "Not Found", "Le billet n°7 « 東京 » n'existe pas.");

        assertThat(ErrorFormat.JSON.body(page, null).text())
                .isEqualTo("{\"error\": \"Not Found\", \"description\": \"Le billet n°7 « 東京 » n'existe pas.\"}");
        assertThat(ErrorFormat.HTML.body(page, null).text()).contains("<p>Le billet n°7 « 東京 » n&#39;existe pas.</p>");
        assertThat(ErrorFormat.NEGOTIATE.body(page, null).text()).isEqualTo("404 Not Found: Le billet n°7 « 東京 » n'existe pas.\n");
    }
}
