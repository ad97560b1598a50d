package dev.carafe.examples.blog;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.carafe.examples.blog.BlogClient.location;
import static org.assertj.core.api.Assertions.assertThat;

/** flaskr's tests/test_blog.py, over HTTP, plus the bad input that must never give a 500. */
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class BlogTest extends OnEachDatabase {
    private Post post(long id) {
        return blog.db.withContext(() -> blog.db.session().get(Post.class, id));
    }

    @Test
    void index() {
        String anonymous = client.get("/").body();
        assertThat(anonymous).contains("Log In").contains("Register");
        client.login();
        String body = client.get("/").body();
        assertThat(body).contains("test title").contains("by test on 2018-01-01").contains("test\nbody")
                .contains("href=\"/1/update\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update", "/1/delete"})
    void loginRequired(String path) {
        assertThat(location(client.post(path))).isEqualTo("/auth/login");
    }

    @Test
    void authorRequired() {
        blog.db.useTransaction(session -> session.get(Post.class, 1).author = session.get(User.class, 2));
        client.login();
        assertThat(client.post("/1/update").statusCode()).isEqualTo(403);
        assertThat(client.post("/1/delete").statusCode()).isEqualTo(403);
        assertThat(client.get("/").body()).doesNotContain("href=\"/1/update\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/2/update", "/2/delete"})
    void existsRequired(String path) {
        client.login();
        HttpResponse<String> response = client.post(path);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Post id 2 doesn&#39;t exist.");
    }

    @Test
    void create() {
        client.login();
        assertThat(client.get("/create").statusCode()).isEqualTo(200);
        client.post("/create", "title", "created", "body", "");
        assertThat(blog.db.withContext(() -> blog.db.query(Post.class).count())).isEqualTo(2);
    }

    @Test
    void update() {
        client.login();
        assertThat(client.get("/1/update").statusCode()).isEqualTo(200);
        client.post("/1/update", "title", "updated", "body", "");
        assertThat(post(1).title).isEqualTo("updated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update"})
    void createUpdateValidate(String path) {
        client.login();
        HttpResponse<String> response = client.post(path, "title", "", "body", "");
        assertThat(response.body()).contains("Title is required.");
    }

    @Test
    void delete() {
        client.login();
        HttpResponse<String> response = client.post("/1/delete");
        assertThat(location(response)).isEqualTo("/");
        assertThat(post(1)).isNull();
    }

    @Test
    void deleteByGetIsNotAllowed() {
        client.login();
        assertThat(client.get("/1/delete").statusCode()).isEqualTo(405);
    }

    @Test
    void theIndexIsPaginatedWithAWidgetFromIterPages() {
        blog.db.useTransaction(session -> {
            User test = session.get(User.class, 1);
            for (int i = 2; i <= 12; i++) session.add(new Post(test, "post " + i, "body " + i));
        });
        String first = client.get("/").body();
        assertThat(first).contains("post 12").doesNotContain("test title")
                .contains("<strong aria-current=\"page\">1</strong>").contains("href=\"/?page=2\"").contains("href=\"/?page=3\"");
        String third = client.get("/?page=3").body();
        assertThat(third).contains("test title").contains("rel=\"prev\"");
        assertThat(client.get("/?per_page=20").body()).contains("post 12").contains("test title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?page=abc", "/?per_page=-5", "/?page=99999999999999999999", "/?page=0", "/?page=50"})
    void badPageArgumentsGiveA404NotA500(String path) {
        assertThat(client.get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void badPostInputGivesMessagesOr404sNotA500() {
        client.login();
        assertThat(client.get("/abc/update").statusCode()).isEqualTo(404);
        assertThat(client.post("/99999999999999999999/delete").statusCode()).isEqualTo(404);
        HttpResponse<String> tooLong = client.post("/create", "title", "t".repeat(10_000), "body", "b");
        assertThat(tooLong.statusCode()).isEqualTo(200);
        assertThat(tooLong.body()).contains("Title is too long (at most 255 characters).");
        HttpResponse<String> missing = client.post("/create");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("Title is required.");
        assertThat(blog.db.withContext(() -> blog.db.query(Post.class).count())).isEqualTo(1);
    }

    @Test
    void htmlInPostsIsEscaped() {
        client.login();
        client.post("/create", "title", "<script>alert(1)</script>", "body", "<b>bold</b>");
        assertThat(client.get("/").body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>").contains("&lt;b&gt;bold&lt;/b&gt;");
    }
}
