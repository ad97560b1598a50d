package dev.carafe.examples.blog;

import static dev.carafe.examples.blog.BlogClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carafe.test.CarafeDatabases;
import dev.carafe.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session cookie's lifetime and flags: it expires 7 days after login, logout ends it (also a
 * copy kept by an attacker), it is HttpOnly and SameSite=Lax, and Secure over HTTPS; a signed
 * cookie with nonsense in it means logged out, not a 500.
 */
@CarafeDatabases({TestDatabase.H2, TestDatabase.POSTGRESQL})
class SessionTest extends OnEachDatabase {
    @Test
    void aCookieReplayedAfterLogoutLogsNobodyIn() {
        client.login();
        String stolen = client.sessionCookie();
        assertThat(client.logout().statusCode()).isEqualTo(302);
        assertThat(client.sessionCookie()).isNull();
        client.sessionCookie(stolen);
        assertThat(client.get("/").body()).contains("Log In").doesNotContain("<span>test</span>");
        assertThat(location(client.post("/create", "title", "replayed", "body", ""))).isEqualTo("/auth/login");
        assertThat(blog.db.withContext(() -> blog.db.query(Post.class).count())).isEqualTo(1);
    }

    @Test
    void logoutEndsTheUsersSessionsInEveryBrowser() {
        BlogClient laptop = blog.client();
        BlogClient phone = blog.client();
        laptop.login();
        phone.login();
        laptop.logout();
        assertThat(phone.get("/").body()).contains("Log In").doesNotContain("<span>test</span>");
        phone.login();
        assertThat(phone.get("/").body()).as("a new login works").contains("<span>test</span>");
    }

    @Test
    void aCookieOlderThanSevenDaysLogsNobodyIn() {
        client.login();
        blog.clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(client.get("/").body()).contains("<span>test</span>");
        blog.clock.advance(Duration.ofSeconds(1));
        assertThat(client.get("/").body()).contains("Log In").doesNotContain("<span>test</span>");
    }

    @Test
    void aCookieIssuedInTheFutureOrWithoutAnIssueTimeLogsNobodyIn() {
        Map<String, String> asTest = Map.of(Auth.USER_ID, "1", Auth.SESSION_VERSION, "0");
        client.sessionCookie(blog.forgeSession(blog.settings.secretKey(), asTest));
        assertThat(client.get("/").body()).as("the control: a valid cookie").contains("<span>test</span>");
        long tomorrow = blog.clock.instant().plus(Duration.ofDays(1)).getEpochSecond();
        client.sessionCookie(blog.forgeSession(blog.settings.secretKey(),
                Map.of(Auth.USER_ID, "1", Auth.SESSION_VERSION, "0", SignedSession.ISSUED, String.valueOf(tomorrow))));
        assertThat(client.get("/").body()).doesNotContain("<span>test</span>");
        client.sessionCookie(blog.forgeSession(blog.settings.secretKey(),
                Map.of(Auth.USER_ID, "1", Auth.SESSION_VERSION, "0", SignedSession.ISSUED, "soon")));
        assertThat(client.get("/").body()).doesNotContain("<span>test</span>");
    }

    @Test
    void aVisitorWhoOnlyReadsGetsNoCookie() {
        assertThat(client.get("/").headers().allValues("Set-Cookie")).isEmpty();
        assertThat(client.get("/auth/login").headers().allValues("Set-Cookie")).as("a form's token").hasSize(1);
    }

    @Test
    void theCookieIsHttpOnlySameSiteLaxAndLastsSevenDays() {
        String cookie = client.login().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("session=").contains("Path=/").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Max-Age=604800").doesNotContain("Secure");
    }

    @Test
    void behindATrustedProxyTheCookieIsSecureWhenTheClientUsedHttps() {
        blog.close();
        blog = new BlogFixture(db, settings -> new BlogSettings(settings.secretKey(), settings.sessionMaxAge(),
                true, settings.loginAttempts(), settings.loginWindow(), settings.clock()));
        client = blog.client();
        HttpResponse<String> login = client.post("/auth/login", Map.of("X-Forwarded-Proto", "https",
                "Origin", "https://127.0.0.1:" + blog.app.port()), "username", "test", "password", "test",
                "csrf_token", client.csrfToken());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure").contains("HttpOnly");
    }

    @Test
    void aSignedCookieWhoseUserIdIsNotANumberMeansLoggedOut() {
        client.sessionCookie(blog.forgeSession(blog.settings.secretKey(), Map.of(Auth.USER_ID, "abc", Auth.SESSION_VERSION, "0")));
        HttpResponse<String> index = client.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Log In");
        assertThat(location(client.post("/create", "title", "t", "body", "b"))).isEqualTo("/auth/login");
        client.sessionCookie(blog.forgeSession(blog.settings.secretKey(), Map.of(Auth.USER_ID, "99999999999999999999")));
        assertThat(client.get("/create").statusCode()).isEqualTo(302);
    }

    @Test
    void aCookieThatIsNotOursAtAllMeansLoggedOut() {
        for (String value : new String[] {"", ".", "abc", "abc.def", "%%%.", "a.b.c"}) {
            client.sessionCookie(value);
            HttpResponse<String> index = client.send(HttpRequest.newBuilder(URI.create(client.origin() + "/")).build());
            assertThat(index.statusCode()).as("cookie %s", value).isEqualTo(200);
        }
    }
}
