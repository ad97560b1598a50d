package dev.carafe.pagination.internal;

import dev.carafe.error.BadRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a keyset position (direction, page number, rows per page, key values) into an opaque,
 * URL-safe cursor and back. Cursors are signed with HMAC-SHA256 over the position and the
 * {@link QueryFingerprint} of the query, so a cursor that was altered, truncated, or made for another
 * query is rejected with a {@link BadRequestException} before any of it is used.
 */
public final class CursorCodec {
    private static final byte VERSION = 2;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final Map<Class<?>, Character> TAGS = Map.ofEntries(
            Map.entry(Long.class, 'J'), Map.entry(Integer.class, 'I'), Map.entry(Short.class, 'S'),
            Map.entry(String.class, 's'), Map.entry(BigDecimal.class, 'D'), Map.entry(BigInteger.class, 'B'),
            Map.entry(Boolean.class, 'Z'), Map.entry(Double.class, 'd'), Map.entry(Float.class, 'f'),
            Map.entry(UUID.class, 'U'), Map.entry(LocalDate.class, 'a'), Map.entry(LocalDateTime.class, 't'),
            Map.entry(LocalTime.class, 'h'), Map.entry(Instant.class, 'i'), Map.entry(OffsetDateTime.class, 'o'));

    private final SecretKeySpec key;

    public CursorCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * A decoded cursor.
     *
     * @param forward whether it points at the page after its key (else the page before)
     * @param page the 0-based page number it leads to
     * @param perPage the rows per page of the pages it leads through
     * @param key the key values
     */
    public record Position(boolean forward, int page, int perPage, List<Object> key) {}

    /** Encodes a position of the query identified by {@code fingerprint}. */
    public String encode(Position position, String fingerprint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeBoolean(position.forward());
            out.writeInt(position.page());
            out.writeInt(position.perPage());
            out.writeShort(position.key().size());
            for (Object value : position.key()) writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] payload = bytes.toByteArray();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload, fingerprint));
    }

    /**
     * Decodes a cursor of the query identified by {@code fingerprint}.
     *
     * @throws BadRequestException for a cursor that is malformed, altered, or made for another query
     */
    public Position decode(String cursor, String fingerprint, int keySize) {
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.') || cursor.length() > 4096) throw invalid();
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(cursor.substring(0, dot));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(signature, mac(payload, fingerprint))) throw invalid();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != VERSION) throw invalid();
            boolean forward = in.readBoolean();
            int page = in.readInt();
            int perPage = in.readInt();
            int size = in.readShort();
            if (size != keySize || page < 0 || perPage < 1) throw invalid();
            List<Object> key = new ArrayList<>(size);
            for (int i = 0; i < size; i++) key.add(readValue(in));
            if (in.available() != 0) throw invalid();
            return new Position(forward, page, perPage, key);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequestException bad) throw bad;
            throw invalid();
        }
    }

    static BadRequestException invalid() {
        return new BadRequestException("Invalid cursor: it is malformed, was altered, or belongs to another query."
                + " Start again from the first page (no cursor).");
    }

    private byte[] mac(byte[] payload, String fingerprint) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static void writeValue(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte('0');
            return;
        }
        Character tag = TAGS.get(value.getClass());
        if (tag == null) {
            throw new IllegalArgumentException("Keyset pagination cannot order by a value of type "
                    + value.getClass().getSimpleName() + "; order by numbers, text, dates and times, booleans or UUIDs.");
        }
        out.writeByte(tag);
        out.writeUTF(value.toString());
    }

    private static Object readValue(DataInputStream in) throws IOException {
        char tag = (char) in.readByte();
        if (tag == '0') return null;
        String text = in.readUTF();
        return switch (tag) {
            case 'J' -> Long.valueOf(text);
            case 'I' -> Integer.valueOf(text);
            case 'S' -> Short.valueOf(text);
            case 's' -> text;
            case 'D' -> new BigDecimal(text);
            case 'B' -> new BigInteger(text);
            case 'Z' -> Boolean.valueOf(text);
            case 'd' -> Double.valueOf(text);
            case 'f' -> Float.valueOf(text);
            case 'U' -> UUID.fromString(text);
            case 'a' -> LocalDate.parse(text);
            case 't' -> LocalDateTime.parse(text);
            case 'h' -> LocalTime.parse(text);
            case 'i' -> Instant.parse(text);
            case 'o' -> OffsetDateTime.parse(text);
            default -> throw invalid();
        };
    }
}
