package dev.carafe.examples.blog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts attempts per key (a username, a client address) in a sliding window, in memory: a key
 * that has made {@code limit} attempts in the last {@code window} must wait. It remembers at most
 * {@code maxKeys} keys, forgetting the least recently used, so a flood of new keys cannot exhaust
 * memory; the keys an attacker keeps using stay remembered. Thread-safe.
 */
final class AttemptLimiter {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> attempts;

    AttemptLimiter(int limit, Duration window, int maxKeys, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.attempts = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * Records an attempt under every key, unless one of them has used up its attempts: checking and
     * recording at once, so parallel requests cannot all slip through before the first is counted.
     *
     * @return {@code null} when the attempt may go ahead, or how long to wait before the next one
     */
    synchronized Duration tryAttempt(String... keys) {
        Instant now = clock.instant();
        Duration wait = null;
        for (String key : keys) {
            Deque<Instant> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) times.removeFirst();
            if (times.size() >= limit) {
                Duration keyWait = Duration.between(now, times.peekFirst().plus(window));
                if (wait == null || keyWait.compareTo(wait) > 0) wait = keyWait;
            }
        }
        if (wait != null) return wait;
        for (String key : keys) attempts.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
        return null;
    }

    /** Takes back the last attempt recorded under each key: a successful login does not count. */
    synchronized void refund(String... keys) {
        for (String key : keys) {
            Deque<Instant> times = attempts.get(key);
            if (times != null) times.pollLast();
        }
    }
}
