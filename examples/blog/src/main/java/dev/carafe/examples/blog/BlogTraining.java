package dev.carafe.examples.blog;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run of a JDK 25 ahead-of-time cache ({@code java -XX:AOTCacheOutput=... -jar
 * carafe-example-blog.jar --train}): in development mode, the blog serves itself what a visitor
 * does for a few seconds (register, log in, write, read the pages, log out), so the JVM records the
 * classes and profiles a real start needs; then the process ends and the JVM writes the cache.
 * docs/deployment.md measures what it saves.
 */
final class BlogTraining {
    private static final int ROUNDS = 50;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;

    private BlogTraining(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Runs the visits against the blog listening on a port of 127.0.0.1.
     *
     * @param port the blog's port
     * @throws IOException when a request fails
     * @throws InterruptedException when interrupted
     */
    static void run(int port) throws IOException, InterruptedException {
        new BlogTraining(port).visit();
    }

    private void visit() throws IOException, InterruptedException {
        String user = "trainee" + System.nanoTime();
        post("/auth/register", "/auth/register", "username=" + user + "&password=trained");
        for (int round = 0; round < ROUNDS; round++) {
            post("/auth/login", "/auth/login", "username=" + user + "&password=trained");
            post("/create", "/create", "title=Round+" + round + "&body=Warming+up");
            get("/");
            get("/?page=2");
            get("/1/update");
            post("/", "/auth/logout", "");
            get("/auth/login");
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).build());
    }

    /** Posts a form with the CSRF token of the page it comes from, as a browser does. */
    private void post(String formPage, String path, String fields) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(formPage));
        String csrf = token.find() ? "csrf_token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) : "";
        String body = fields.isEmpty() ? csrf : fields + "&" + csrf;
        send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", base.toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode());
        }
        return response.body();
    }
}
