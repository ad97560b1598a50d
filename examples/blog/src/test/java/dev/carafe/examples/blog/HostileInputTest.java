package dev.carafe.examples.blog;

import dev.carafe.Carafe;
import dev.carafe.isolation.Isolation;
import dev.carafe.test.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary strings at every input of the blog, on PostgreSQL: page and per_page, post ids in
 * paths, form fields of register, login, create and update, the values of a validly signed session
 * cookie, and the charset of a form. Every response is a 2xx, 3xx, 400, 403
 * or 404, never a 500, and no request changes another user's post or a row it should not.
 */
class HostileInputTest {
    /** 414 and 431 are Jetty refusing a URI or a cookie over its limit before the application sees it. */
    private static final Set<Integer> ALLOWED = Set.of(200, 201, 204, 301, 302, 303, 307, 308, 400, 403, 404, 414, 431);
    private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

    private static Carafe db;
    private static Isolation isolation;
    private static BlogFixture blog;
    private static BlogClient test;
    private static BlogClient anonymous;
    private static String othersPost;

    /** jqwik runs no JUnit extensions: the properties share one isolation, which checks for leaks at the end. */
    @BeforeContainer
    static void start() {
        db = BlogFixture.database(TestDatabase.POSTGRESQL);
        isolation = db.isolate();
        // No attempt limit: the properties log in and register far more often than 5 times in 15 minutes.
        blog = new BlogFixture(db, settings -> new BlogSettings(settings.secretKey(),
                settings.sessionMaxAge(), false, Integer.MAX_VALUE, settings.loginWindow(), settings.clock()));
        blog.db.useTransaction(session -> {
            User other = session.execute(blog.db.select(User.class).filterBy("username", "other")).one();
            session.add(new Post(other, "other's title", "other's body"));
        });
        othersPost = posts().stream().filter(row -> row.contains("other's title")).findFirst().orElseThrow();
        test = blog.client();
        assertThat(test.login().statusCode()).isEqualTo(302);
        anonymous = blog.client();
    }

    @AfterContainer
    static void stop() {
        System.out.println("Blog HostileInputTest: responses by status " + new TreeMap<>(STATUSES));
        if (db == null) return;
        try (Isolation ending = isolation) {
            if (blog != null) blog.close();
            assertThat(ending.leaks()).as("contexts and connections left open").isEmpty();
        } finally {
            BlogFixture.drop(db);
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("%0123456789abcdefzZ/.-_'\";\\ \u0000\n\r\t<>&?#=+").ofMaxLength(60),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("", "1", "2", "3", "-1", "0", "99999999999999999999", "1e3", "%00", "%zz", "\u0000",
                        "'; drop table post; --", "<script>alert(1)</script>", "\uD800", "a".repeat(5000)));
    }

    @Property(tries = 100)
    void theIndexsPageArgumentsNeverGiveA500(@ForAll("hostile") String page, @ForAll("hostile") String perPage) {
        List<String> before = posts();
        check(anonymous.get("/?page=" + encode(page) + "&per_page=" + encode(perPage)));
        assertThat(posts()).isEqualTo(before);
    }

    @Property(tries = 100)
    void anUpdateFormWithAnyIdNeverGivesA500(@ForAll("hostile") String id) {
        List<String> before = posts();
        check(test.get("/" + encode(id) + "/update"));
        assertThat(posts()).isEqualTo(before);
    }

    @Property(tries = 100)
    void anUpdateWithAnyIdAndFieldsNeverTouchesAnotherUsersPost(@ForAll("hostile") String id, @ForAll("hostile") String title,
            @ForAll("hostile") String body) {
        check(test.post("/" + encode(id) + "/update", "title", title, "body", body));
        assertThat(posts()).contains(othersPost);
    }

    @Property(tries = 100)
    void aDeleteWithAnyIdNeverTouchesAnotherUsersPost(@ForAll("hostile") String id) {
        check(test.post("/" + encode(id) + "/delete"));
        assertThat(posts()).contains(othersPost);
    }

    @Property(tries = 100)
    void createWithAnyFieldsAddsAtMostOnePost(@ForAll("hostile") String title, @ForAll("hostile") String body) {
        int before = posts().size();
        HttpResponse<String> response = check(test.post("/create", "title", title, "body", body));
        assertThat(posts()).hasSize(response.statusCode() == 302 ? before + 1 : before).contains(othersPost);
    }

    @Property(tries = 50)
    void registerAndLoginWithAnyFieldsNeverGiveA500(@ForAll("hostile") String username, @ForAll("hostile") String password) {
        List<String> before = posts();
        check(anonymous.post("/auth/register", "username", username, "password", password));
        check(anonymous.login(username, password));
        anonymous.logout();
        assertThat(posts()).isEqualTo(before);
    }

    @Property(tries = 100)
    void aSignedSessionHoldingAnythingNeverGivesA500(@ForAll("hostile") String userId, @ForAll("hostile") String version,
            @ForAll("hostile") String issued) {
        BlogClient client = blog.client();
        client.sessionCookie(blog.forgeSession(blog.settings.secretKey(),
                Map.of(Auth.USER_ID, userId, Auth.SESSION_VERSION, version, SignedSession.ISSUED, issued)));
        check(client.get("/create"));
        check(client.post("/create", Map.of(), "title", "t", "body", "b"));
    }

    @Property(tries = 100)
    void aFormInAnyCharsetNeverGivesA500(@ForAll("headerValue") String charset) {
        int before = posts().size();
        String body = "title=t&body=b&csrf_token=" + encode(test.csrfToken());
        HttpResponse<String> response = check(test.send(HttpRequest.newBuilder(URI.create(test.origin() + "/create"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=" + charset)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
        assertThat(posts()).hasSize(response.statusCode() == 302 ? before + 1 : before);
    }

    @Provide
    Arbitrary<String> headerValue() {
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('!', '~').ofMaxLength(40),
                Arbitraries.of("utf-8", "UTF-16", "bogus", "\"utf-8\"", "utf-8;x=y", "x-unknown", "latin1"));
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        STATUSES.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        String body = response.body().length() > 300 ? response.body().substring(0, 300) + "..." : response.body();
        assertThat(response.statusCode()).as("%s -> %s", abbreviated(response.uri().toString()), body).isIn(ALLOWED);
        return response;
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }

    private static List<String> posts() {
        return blog.db.withContext(() -> blog.db.session().execute(blog.db.select(Post.class).fetch("author").orderBy("id")).all().stream()
                .map(post -> post.id + "|" + post.author.id + "|" + post.title + "|" + post.body).toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
