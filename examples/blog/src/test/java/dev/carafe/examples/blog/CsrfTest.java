package dev.carafe.examples.blog;

import static dev.carafe.examples.blog.BlogClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-site request forgery: a form post must come from the blog's own pages (Origin,
 * Sec-Fetch-Site) and carry the session's token; logout is a post too.
 */
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class CsrfTest extends OnEachDatabase {
    @BeforeEach
    void logIn() {
        client.login();
    }

    private long posts() {
        return blog.db.withContext(() -> blog.db.query(Post.class).count());
    }

    @Test
    void aPostFromAnotherOriginIsRefusedEvenWithTheToken() {
        HttpResponse<String> response = client.post("/create", Map.of("Origin", "http://evil.example"),
                "title", "forged", "body", "", "csrf_token", client.csrfToken());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Cross-site form posts are refused: submit the form from this site's own pages.");
        assertThat(posts()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site"})
    void aPostThatTheBrowserSaysCameFromAnotherSiteIsRefused(String fetchSite) {
        HttpResponse<String> response = client.post("/create", Map.of("Sec-Fetch-Site", fetchSite),
                "title", "forged", "body", "", "csrf_token", client.csrfToken());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aPostWithoutTheTokenOrWithAnotherIsRefused() {
        HttpResponse<String> missing = client.post("/create", Map.of(), "title", "forged", "body", "");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("The form is out of date or did not come from this site: reload the page and "
                + "submit it again.");
        String othersToken = blog.client().csrfToken();
        HttpResponse<String> wrong = client.post("/create", Map.of(), "title", "forged", "body", "", "csrf_token", othersToken);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(client.post("/1/delete", Map.of(), "csrf_token", "").statusCode()).isEqualTo(403);
        assertThat(posts()).isEqualTo(1);
    }

    @Test
    void aSameOriginPostWithTheTokenWorks() {
        HttpResponse<String> response = client.post("/create", Map.of("Origin", client.origin(), "Sec-Fetch-Site", "same-origin"),
                "title", "mine", "body", "", "csrf_token", client.csrfToken());
        assertThat(location(response)).isEqualTo("/");
        assertThat(posts()).isEqualTo(2);
    }

    @Test
    void logoutIsAPostWithTheToken() {
        assertThat(client.get("/auth/logout").statusCode()).isEqualTo(405);
        assertThat(client.post("/auth/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(client.get("/").body()).as("still logged in").contains("<span>test</span>");
        assertThat(location(client.logout())).isEqualTo("/");
        assertThat(client.get("/").body()).contains("Log In");
    }

    @Test
    void loginNeedsTheTokenSoNoSiteCanLogAVisitorIntoItsAccount() {
        BlogClient visitor = blog.client();
        HttpResponse<String> response = visitor.post("/auth/login", Map.of(), "username", "other", "password", "other");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(visitor.get("/").body()).contains("Log In");
    }

    @Test
    void theTokenChangesAtLogin() {
        BlogClient visitor = blog.client();
        String before = visitor.csrfToken();
        visitor.login("other", "other");
        assertThat(visitor.csrfToken()).isNotEqualTo(before);
        assertThat(visitor.post("/create", Map.of(), "title", "t", "body", "", "csrf_token", before).statusCode()).isEqualTo(403);
    }
}
