package dev.carafe.examples.blog;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with the JDK's PBKDF2-HMAC-SHA256, stored as Werkzeug writes it:
 * {@code pbkdf2:sha256:<iterations>$<salt>$<hash>}. The iteration count travels with the hash,
 * so it can be raised later without breaking existing users.
 */
final class Passwords {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 600_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A hash no password matches (its hash part is not hex), at the cost of a real user's. */
    private static final String NOBODY = "pbkdf2:sha256:" + ITERATIONS + "$nobody$-";
    private static final LongAdder ITERATIONS_VERIFIED = new LongAdder();

    private Passwords() {}

    static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    static String hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String encodedSalt = Base64.getEncoder().withoutPadding().encodeToString(salt);
        return "pbkdf2:sha256:" + iterations + "$" + encodedSalt + "$" + derive(password, encodedSalt, iterations);
    }

    /**
     * Does the work of verifying a password for a user who does not exist, and returns false, so a
     * login with an unknown name takes as long as one with a wrong password.
     */
    static boolean verifyNobody(String password) {
        return verify(NOBODY, password);
    }

    /** The PBKDF2 iterations {@link #verify} has run in this JVM, so tests can see the work was done. */
    static long iterationsVerified() {
        return ITERATIONS_VERIFIED.sum();
    }

    static boolean verify(String stored, String password) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 3 || !parts[0].startsWith("pbkdf2:sha256:")) return false;
        int iterations;
        try {
            iterations = Integer.parseInt(parts[0].substring("pbkdf2:sha256:".length()));
        } catch (NumberFormatException e) {
            return false;
        }
        String expected = derive(password, parts[1], iterations);
        ITERATIONS_VERIFIED.add(iterations);
        return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                parts[2].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static String derive(String password, String salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    iterations, 256);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return java.util.HexFormat.of().formatHex(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
