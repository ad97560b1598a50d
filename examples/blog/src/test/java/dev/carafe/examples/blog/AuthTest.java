package dev.carafe.examples.blog;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.carafe.examples.blog.BlogClient.location;
import static org.assertj.core.api.Assertions.assertThat;

/** flaskr's tests/test_auth.py, over HTTP. */
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class AuthTest extends OnEachDatabase {
    @Test
    void register() {
        assertThat(client.get("/auth/register").statusCode()).isEqualTo(200);
        HttpResponse<String> response = client.post("/auth/register", "username", "a", "password", "a");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).isEqualTo("/auth/login");
        assertThat(blog.db.withContext(() -> blog.db.query(User.class).filterBy("username", "a").first())).isNotNull();
    }

    @Test
    void userPassword() {
        client.post("/auth/register", "username", "a", "password", "a");
        User user = blog.db.withContext(() -> blog.db.query(User.class).filterBy("username", "a").one());
        assertThat(user.passwordHash).isNotEqualTo("a").startsWith("pbkdf2:sha256:600000$");
        assertThat(user.checkPassword("a")).isTrue();
        assertThat(user.checkPassword("b")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(value = {"'','',Username is required.", "a,'',Password is required.", "test,test,already registered"})
    void registerValidateInput(String username, String password, String message) {
        HttpResponse<String> response = client.post("/auth/register", "username", username, "password", password);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(message);
    }

    @Test
    void login() {
        assertThat(client.get("/auth/login").statusCode()).isEqualTo(200);
        HttpResponse<String> response = client.login();
        assertThat(location(response)).isEqualTo("/");
        String index = client.get("/").body();
        assertThat(index).contains("<span>test</span>").contains("Log Out");
    }

    /** flaskr says "Incorrect username." or "Incorrect password."; the blog does not tell which. */
    @ParameterizedTest
    @CsvSource({"a,test", "test,a"})
    void loginValidateInput(String username, String password) {
        HttpResponse<String> response = client.login(username, password);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Incorrect username or password.");
    }

    @Test
    void logout() {
        client.login();
        HttpResponse<String> response = client.logout();
        assertThat(location(response)).isEqualTo("/");
        assertThat(client.get("/").body()).contains("Log In").doesNotContain("Log Out");
    }

    @Test
    void aSessionCookieWithAChangedUserIdIsIgnored() {
        client.login("other", "other");
        String cookie = client.sessionCookie();
        String payload = cookie.substring(0, cookie.lastIndexOf('.'));
        String text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        assertThat(text).contains("user_id=2");
        String changed = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.replace("user_id=2", "user_id=1").getBytes(StandardCharsets.UTF_8));
        client.sessionCookie(changed + cookie.substring(cookie.lastIndexOf('.')));
        assertThat(client.get("/").body()).contains("Log In").doesNotContain("<span>test</span>");
    }

    @Test
    void theSessionCookieIsNotRewrittenWithoutChanges() {
        client.login("other", "other");
        assertThat(client.get("/").body()).contains("<span>other</span>");
        HttpResponse<String> response = client.get("/");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void overLongOrMissingFieldsGiveMessagesNotErrors() {
        HttpResponse<String> longName = client.post("/auth/register", "username", "x".repeat(500), "password", "p");
        assertThat(longName.statusCode()).isEqualTo(200);
        assertThat(longName.body()).contains("Username is too long (at most 80 characters).");
        HttpResponse<String> missing = client.post("/auth/register");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).contains("Username is required.");
        assertThat(client.post("/auth/login").body()).contains("Incorrect username or password.");
    }
}
