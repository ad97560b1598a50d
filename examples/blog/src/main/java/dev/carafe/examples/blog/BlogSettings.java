package dev.carafe.examples.blog;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blog's security settings, read once from the environment by {@link #load(Map, boolean)}.
 *
 * @param secretKey the key that signs session cookies
 * @param sessionMaxAge how long a session lasts after it starts (at login)
 * @param trustProxy whether to believe a reverse proxy's {@code X-Forwarded-*} and {@code Forwarded}
 *     headers about the client's address and scheme
 * @param loginAttempts how many login attempts a username, or a client address, may make within
 *     {@code loginWindow} before it gets 429 (successful logins do not count); also how many
 *     registrations an address may make
 * @param loginWindow the window of {@code loginAttempts}
 * @param clock the time sessions and attempts are measured by
 */
public record BlogSettings(String secretKey, Duration sessionMaxAge, boolean trustProxy, int loginAttempts,
        Duration loginWindow, Clock clock) {
    /** The shortest {@code SECRET_KEY} accepted: 32 characters, as {@code openssl rand -hex 16} prints. */
    public static final int MIN_SECRET_KEY_LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(BlogSettings.class);
    private static final String MAKE_A_KEY = "Make one once, keep it out of source control, and start the blog with it:\n"
            + "  openssl rand -hex 32\n"
            + "  SECRET_KEY=<the 64 characters it printed> java -jar carafe-example-blog.jar";

    /**
     * Reads {@code SECRET_KEY}, {@code SESSION_MAX_AGE_DAYS} (default 7) and {@code TRUST_PROXY}
     * (default false). Without {@code SECRET_KEY}, development mode makes a random key, and
     * otherwise the blog refuses to start.
     *
     * @param environment the environment variables
     * @param development whether the blog was started with {@code --dev}
     * @return the settings, with 5 login attempts per 15 minutes
     * @throws IllegalArgumentException when a variable is missing or wrong; the message says how to fix it
     */
    public static BlogSettings load(Map<String, String> environment, boolean development) {
        String secretKey = environment.getOrDefault("SECRET_KEY", "");
        if (secretKey.isEmpty()) {
            if (!development) {
                throw new IllegalArgumentException("SECRET_KEY is not set. The blog signs its session cookies with it, "
                        + "and a known key lets anyone log in as anyone.\n" + MAKE_A_KEY + "\nOr try the blog on this "
                        + "machine with --dev (a random key per start, on 127.0.0.1 only):\n"
                        + "  java -jar carafe-example-blog.jar --dev");
            }
            secretKey = randomKey();
            LOG.warn("Development mode: sessions are signed with a random key made at start-up, so everyone is logged "
                    + "out when the blog restarts. Set SECRET_KEY to keep sessions across restarts.");
        } else if (secretKey.length() < MIN_SECRET_KEY_LENGTH) {
            throw new IllegalArgumentException("SECRET_KEY is " + secretKey.length() + " characters long; use at least "
                    + MIN_SECRET_KEY_LENGTH + " random ones.\n" + MAKE_A_KEY);
        }
        return new BlogSettings(secretKey, Duration.ofDays(days(environment.get("SESSION_MAX_AGE_DAYS"))),
                flag(environment.get("TRUST_PROXY")), 5, Duration.ofMinutes(15), Clock.systemUTC());
    }

    /** Shows the settings without the secret key, should they ever be logged. */
    @Override
    public String toString() {
        return "BlogSettings[secretKey=(" + secretKey.length() + " characters), sessionMaxAge=" + sessionMaxAge
                + ", trustProxy=" + trustProxy + ", loginAttempts=" + loginAttempts + ", loginWindow=" + loginWindow
                + ", clock=" + clock + "]";
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    private static int days(String value) {
        if (value == null) return 7;
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1 && days <= 365) return days;
        } catch (NumberFormatException e) {
            // Reported below, with the accepted range.
        }
        throw new IllegalArgumentException("SESSION_MAX_AGE_DAYS is \"" + value
                + "\"; set it to a whole number of days from 1 to 365, or leave it unset for 7.");
    }

    private static boolean flag(String value) {
        if (value == null || value.equals("false")) return false;
        if (value.equals("true")) return true;
        throw new IllegalArgumentException("TRUST_PROXY is \"" + value + "\"; set it to true only when a reverse proxy "
                + "in front of the blog sets X-Forwarded-For and X-Forwarded-Proto, or leave it unset.");
    }
}
