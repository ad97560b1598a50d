package dev.carafe.examples.blog;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** flaskr's test client over real HTTP: keeps cookies, never follows redirects. */
final class BlogClient {
    /** What a browser sends, so error pages come back as HTML. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    BlogClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The origin a browser sends in {@code Origin} with a form of this site. */
    String origin() {
        return base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", BROWSER_ACCEPT).GET().build());
    }

    /**
     * Submits a form as a browser does after loading a page of the site: with the session's
     * {@code csrf_token} added to the fields.
     */
    HttpResponse<String> post(String path, String... fields) {
        List<String> withToken = new ArrayList<>(List.of(fields));
        withToken.add("csrf_token");
        withToken.add(csrfToken());
        return post(path, Map.of(), withToken.toArray(String[]::new));
    }

    /** Submits exactly these fields, with these extra headers: no token unless among the fields. */
    HttpResponse<String> post(String path, Map<String, String> headers, String... fields) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < fields.length; i += 2) {
            pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", BROWSER_ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)));
        headers.forEach(request::setHeader);
        return send(request.build());
    }

    /** The session's CSRF token, read from a form as a browser has it: the login page has one for anyone. */
    String csrfToken() {
        Matcher matcher = TOKEN.matcher(get("/auth/login").body());
        if (!matcher.find()) throw new AssertionError("The login page has no csrf_token field");
        return matcher.group(1);
    }

    /** flaskr's {@code auth.login()}. */
    HttpResponse<String> login(String username, String password) {
        return post("/auth/login", "username", username, "password", password);
    }

    HttpResponse<String> login() {
        return login("test", "test");
    }

    HttpResponse<String> logout() {
        return post("/auth/logout");
    }

    /** The value of the {@code session} cookie the client holds, or {@code null}. */
    String sessionCookie() {
        return cookies.getCookieStore().get(URI.create(base)).stream().filter(cookie -> cookie.getName().equals("session"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Replaces the {@code session} cookie, as an attacker replaying or forging one does. */
    void sessionCookie(String value) {
        URI uri = URI.create(base);
        for (HttpCookie cookie : cookies.getCookieStore().get(uri)) {
            if (cookie.getName().equals("session")) cookies.getCookieStore().remove(uri, cookie);
        }
        HttpCookie cookie = new HttpCookie("session", value);
        // As CookieManager stores the server's cookie, so that the server's next one replaces it.
        cookie.setDomain(uri.getHost());
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(uri, cookie);
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse(null);
    }

    HttpResponse<String> send(HttpRequest request) {
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
