package dev.carafe.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carafe.Carafe;
import dev.carafe.test.CarafeExtension;
import dev.carafe.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key that signs session cookies: the blog refuses to start without {@code SECRET_KEY} unless
 * in development mode ({@code --dev}), which makes a random key per start. No key is ever {@code dev}.
 */
class SecretKeyTest {
    static Carafe db = BlogFixture.database(TestDatabase.H2);

    @RegisterExtension
    static CarafeExtension carafe = CarafeExtension.of(db);

    BlogFixture blog;

    @AfterAll
    static void drop() {
        BlogFixture.drop(db);
    }

    @AfterEach
    void stop() {
        if (blog != null) blog.close();
    }

    @Test
    void withoutSecretKeyTheBlogRefusesToStartAndSaysHowToMakeOne() {
        assertThatThrownBy(() -> BlogSettings.load(Map.of(), false)).hasMessage("""
                SECRET_KEY is not set. The blog signs its session cookies with it, and a known key lets anyone log in as anyone.
                Make one once, keep it out of source control, and start the blog with it:
                  openssl rand -hex 32
                  SECRET_KEY=<the 64 characters it printed> java -jar carafe-example-blog.jar
                Or try the blog on this machine with --dev (a random key per start, on 127.0.0.1 only):
                  java -jar carafe-example-blog.jar --dev""");
    }

    @Test
    void aShortSecretKeySuchAsFlaskrsDevIsRefused() {
        assertThatThrownBy(() -> BlogSettings.load(Map.of("SECRET_KEY", "dev"), true)).hasMessage("""
                SECRET_KEY is 3 characters long; use at least 32 random ones.
                Make one once, keep it out of source control, and start the blog with it:
                  openssl rand -hex 32
                  SECRET_KEY=<the 64 characters it printed> java -jar carafe-example-blog.jar""");
    }

    @Test
    void developmentModeMakesARandomKeyPerStart() {
        String first = BlogSettings.load(Map.of(), true).secretKey();
        assertThat(first).hasSize(64).isNotEqualTo(BlogSettings.load(Map.of(), true).secretKey());
    }

    @Test
    void aSetSecretKeyIsUsedAsItIs() {
        String key = "0123456789abcdef0123456789abcdef";
        assertThat(BlogSettings.load(Map.of("SECRET_KEY", key), false).secretKey()).isEqualTo(key);
        assertThat(BlogSettings.load(Map.of("SECRET_KEY", key), true).secretKey()).isEqualTo(key);
    }

    @Test
    void theSettingsNeverShowTheKey() {
        String key = "0123456789abcdef0123456789abcdef";
        assertThat(BlogSettings.load(Map.of("SECRET_KEY", key), false).toString()).doesNotContain(key)
                .contains("secretKey=(32 characters)");
    }

    @Test
    void sessionMaxAgeAndTrustProxyAreCheckedWithTheirFix() {
        Map<String, String> key = Map.of("SECRET_KEY", "0123456789abcdef0123456789abcdef");
        BlogSettings defaults = BlogSettings.load(key, false);
        assertThat(defaults.sessionMaxAge()).hasDays(7);
        assertThat(defaults.trustProxy()).isFalse();
        assertThat(BlogSettings.load(with(key, "SESSION_MAX_AGE_DAYS", "30"), false).sessionMaxAge()).hasDays(30);
        assertThatThrownBy(() -> BlogSettings.load(with(key, "SESSION_MAX_AGE_DAYS", "0"), false)).hasMessage(
                "SESSION_MAX_AGE_DAYS is \"0\"; set it to a whole number of days from 1 to 365, or leave it unset for 7.");
        assertThatThrownBy(() -> BlogSettings.load(with(key, "TRUST_PROXY", "yes"), false)).hasMessage("TRUST_PROXY is "
                + "\"yes\"; set it to true only when a reverse proxy in front of the blog sets X-Forwarded-For and "
                + "X-Forwarded-Proto, or leave it unset.");
    }

    @Test
    void aCookieForgedWithFlaskrsDefaultKeyDevLogsNobodyIn() {
        blog = new BlogFixture(db, settings -> BlogSettings.load(Map.of(), true));
        BlogClient attacker = blog.client();
        Map<String, String> asTest = Map.of(Auth.USER_ID, "1", Auth.SESSION_VERSION, "0");
        attacker.sessionCookie(blog.forgeSession("dev", asTest));
        assertThat(attacker.get("/").body()).contains("Log In").doesNotContain("<span>test</span>");
        attacker.sessionCookie(blog.forgeSession(blog.settings.secretKey(), asTest));
        assertThat(attacker.get("/").body()).as("the same cookie signed with the blog's key").contains("<span>test</span>");
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put(name, value);
        return all;
    }
}
