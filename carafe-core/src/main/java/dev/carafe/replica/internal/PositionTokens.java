package dev.carafe.replica.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns primary positions by bind ({@code default=0/3000060}, or a GTID list such as
 * {@code orders=0-1-42,1-2-7}) into a URL-safe token signed with HMAC-SHA256 under the cursor
 * secret, and back. A token that was altered, truncated or signed with another secret reads as no
 * token. Thread-safe.
 */
final class PositionTokens {
    private static final String PURPOSE = "carafe-replica-positions\n";
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN = 2048;
    private static final Pattern BIND = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** A PostgreSQL WAL LSN ({@code 0/3000060}) or a MariaDB GTID list ({@code 0-1-42,1-2-7}). */
    private static final Pattern POSITION = Pattern.compile("[0-9A-F]{1,8}/[0-9A-F]{1,8}"
            + "|[0-9]{1,10}-[0-9]{1,10}-[0-9]{1,20}(,[0-9]{1,10}-[0-9]{1,10}-[0-9]{1,20}){0,31}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    PositionTokens(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** Encodes positions; binds are written in name order, so equal maps give equal tokens. */
    String encode(Map<String, String> positions) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(positions).forEach((bind, position) -> {
            if (text.length() > 0) text.append('&');
            text.append(bind).append('=').append(position);
        });
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** Decodes a token, or returns an empty map for one that is missing, malformed or not signed by us. */
    Map<String, String> decode(String token) {
        if (token == null || token.length() > MAX_TOKEN) return Map.of();
        int dot = token.indexOf('.');
        if (dot < 0) return Map.of();
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
        if (!MessageDigest.isEqual(signature, mac(payload))) return Map.of();
        Map<String, String> positions = new LinkedHashMap<>();
        for (String pair : new String(payload, StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) return Map.of();
            String bind = pair.substring(0, equals);
            String position = pair.substring(equals + 1);
            if (!BIND.matcher(bind).matches() || !POSITION.matcher(position).matches()) return Map.of();
            positions.put(bind, position);
        }
        return positions;
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(PURPOSE.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
