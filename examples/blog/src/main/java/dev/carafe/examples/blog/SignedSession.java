package dev.carafe.examples.blog;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Flask's session: a small map kept in a cookie signed with HMAC-SHA256, so the client can read
 * but not change it. It holds the logged-in user's id and the flash messages, and the time the
 * session started: a cookie with a bad signature, or older than the maximum age, is ignored, as if
 * there were none. Clearing the map starts a new session (at login).
 */
final class SignedSession {
    static final String COOKIE = "session";
    private static final String FLASHES = "_flashes";
    /** The session's start, in seconds since 1970: the cookie is ignored {@code maxAge} later. */
    static final String ISSUED = "_issued";

    private final SecretKeySpec key;
    private final Duration maxAge;
    private final Clock clock;

    SignedSession(String secretKey, Duration maxAge, Clock clock) {
        this.key = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Reads the request's session, or an empty one. */
    Map<String, String> read(Context ctx) {
        Map<String, String> values = ctx.attribute(COOKIE);
        if (values != null) return values;
        values = decode(ctx.cookie(COOKIE));
        ctx.attribute(COOKIE, values);
        return values;
    }

    /**
     * Writes the session back to the response; an empty one deletes the cookie. A session without a
     * start time (new, or cleared at login) starts now.
     */
    void save(Context ctx, Map<String, String> values) {
        ctx.attribute(COOKIE, values);
        if (!values.isEmpty()) values.putIfAbsent(ISSUED, String.valueOf(clock.instant().getEpochSecond()));
        Cookie cookie = new Cookie(COOKIE, values.isEmpty() ? "" : encode(values));
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        cookie.setSecure(ctx.req().isSecure());
        cookie.setMaxAge((int) remainingSeconds(values));
        ctx.cookie(cookie);
    }

    /** Adds a message shown once on the next page. */
    void flash(Context ctx, String message) {
        Map<String, String> values = read(ctx);
        String existing = values.get(FLASHES);
        values.put(FLASHES, existing == null ? message : existing + "\n" + message);
        save(ctx, values);
    }

    /** Returns the pending flash messages and forgets them. */
    List<String> takeFlashes(Context ctx) {
        Map<String, String> values = read(ctx);
        String flashes = values.remove(FLASHES);
        if (flashes == null) return List.of();
        save(ctx, values);
        return List.of(flashes.split("\n"));
    }

    /** Encodes and signs a session as {@link #save} does; the tests forge cookies with it. */
    String encode(Map<String, String> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("&", pairs).getBytes(StandardCharsets.UTF_8));
        return payload + "." + sign(payload);
    }

    private Map<String, String> decode(String cookie) {
        Map<String, String> values = new LinkedHashMap<>();
        if (cookie == null) return values;
        int dot = cookie.lastIndexOf('.');
        if (dot <= 0) return values;
        String payload = cookie.substring(0, dot);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return values;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
            for (String pair : text.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            values.clear();
        }
        if (remainingSeconds(values) == 0) values.clear();
        return values;
    }

    /** The seconds the session has left: 0 when it has expired or has no valid start time. */
    private long remainingSeconds(Map<String, String> values) {
        try {
            long age = clock.instant().getEpochSecond() - Long.parseLong(values.get(ISSUED));
            return age < 0 || age >= maxAge.toSeconds() ? 0 : maxAge.toSeconds() - age;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
