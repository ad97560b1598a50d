package dev.carafe.examples.blog;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** flaskr's test client over real HTTP: keeps cookies, never follows redirects. */
final class BlogClient {
    /** What a browser sends, so error pages come back as HTML. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    BlogClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", BROWSER_ACCEPT).GET().build());
    }

    HttpResponse<String> post(String path, String... fields) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build());
    }

    /** flaskr's {@code auth.login()}. */
    HttpResponse<String> login(String username, String password) {
        return post("/auth/login", "username", username, "password", password);
    }

    HttpResponse<String> login() {
        return login("test", "test");
    }

    HttpResponse<String> logout() {
        return get("/auth/logout");
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse(null);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                // Jetty closes a kept-alive connection after some bad requests; the client may send
                // the next request on it before noticing. No byte came back, so the server never
                // answered it: send it once more, on a fresh connection.
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) throw e;
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
