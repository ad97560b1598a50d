package dev.carafe.examples.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory limiter behind login and registration attempts. */
class AttemptLimiterTest {
    private final TestClock clock = new TestClock();
    private final AttemptLimiter limiter = new AttemptLimiter(2, Duration.ofMinutes(15), 3, clock);

    @Test
    void aKeyGetsLimitAttemptsInASlidingWindow() {
        assertThat(limiter.tryAttempt("a")).isNull();
        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.tryAttempt("a")).isNull();
        assertThat(limiter.tryAttempt("a")).isEqualTo(Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.tryAttempt("a")).as("the first attempt has left the window").isNull();
        assertThat(limiter.tryAttempt("a")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anAttemptRefusedUnderOneKeyIsRecordedUnderNone() {
        limiter.tryAttempt("user");
        limiter.tryAttempt("user");
        assertThat(limiter.tryAttempt("user", "address")).isEqualTo(Duration.ofMinutes(15));
        assertThat(limiter.tryAttempt("address")).isNull();
        assertThat(limiter.tryAttempt("address")).isNull();
    }

    @Test
    void aRefundTakesBackTheLastAttempt() {
        limiter.tryAttempt("a", "b");
        limiter.tryAttempt("a", "b");
        limiter.refund("a", "b");
        assertThat(limiter.tryAttempt("a", "b")).isNull();
        assertThat(limiter.tryAttempt("a")).isNotNull();
    }

    @Test
    void itRemembersAtMostMaxKeysForgettingTheLeastRecentlyUsed() {
        limiter.tryAttempt("kept");
        limiter.tryAttempt("kept");
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAttempt("kept")).isNotNull();
            limiter.tryAttempt("flood " + i);
        }
        limiter.tryAttempt("old");
        limiter.tryAttempt("old");
        limiter.tryAttempt("new 1");
        limiter.tryAttempt("new 2");
        limiter.tryAttempt("new 3");
        assertThat(limiter.tryAttempt("old")).as("forgotten").isNull();
    }
}
