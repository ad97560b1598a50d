package dev.carafe.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every response carries the security headers: pages, redirects, error pages and 404s; the pages
 * need no inline style or script, so the Content-Security-Policy can forbid them.
 */
@CarafeDatabases(TestDatabase.H2)
class SecurityHeadersTest extends OnEachDatabase {
    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy")).as("%s", response.uri()).hasValue(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    @Test
    void aPageHasThem() {
        HttpResponse<String> index = client.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertSecurityHeaders(index);
    }

    @Test
    void aPostRedirectHasThem() {
        HttpResponse<String> login = client.login();
        assertThat(login.statusCode()).isEqualTo(302);
        assertSecurityHeaders(login);
    }

    @Test
    void a404ThatEchoesThePathInPlainTextHasThem() {
        HttpResponse<String> notFound = client.send(HttpRequest.newBuilder(
                URI.create(client.origin() + "/%3Cscript%3Ealert(1)%3C/script%3E")).build());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertSecurityHeaders(notFound);
        client.login();
        HttpResponse<String> noSuchPost = client.get("/2/update");
        assertThat(noSuchPost.statusCode()).isEqualTo(404);
        assertSecurityHeaders(noSuchPost);
    }

    @Test
    void errorResponsesHaveThem() {
        assertSecurityHeaders(client.get("/auth/logout"));
        assertSecurityHeaders(client.post("/create", Map.of("Origin", "http://evil.example")));
        assertSecurityHeaders(client.get("/?page=abc"));
    }

    @Test
    void theStylesheetAndScriptAreFilesOfTheSite() {
        HttpResponse<String> style = client.get("/static/style.css");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertSecurityHeaders(style);
        assertThat(client.get("/static/confirm.js").statusCode()).isEqualTo(200);
    }

    @Test
    void pagesHaveNoInlineStyleOrScript() {
        client.login();
        for (String path : new String[] {"/", "/create", "/1/update", "/auth/login", "/auth/register"}) {
            String body = client.get(path).body();
            assertThat(body).as(path).doesNotContain("<style").doesNotContain(" style=").doesNotContain("onclick")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }
    }
}
