package dev.carafe.replica.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB GTID positions: how a replica's applied list compares with a required one, and their tokens. */
class GtidPositionsTest {
    private final GtidReplayCheck check = new GtidReplayCheck();
    private final PositionTokens tokens = new PositionTokens("a secret of the test".getBytes(StandardCharsets.UTF_8));

    @Test
    void aReplicaReachesAPositionWhenEveryDomainOfItIsAsFar() {
        assertThat(check.reached("0-1-42", "0-1-42")).isTrue();
        assertThat(check.reached("0-1-43", "0-1-42")).isTrue();
        assertThat(check.reached("0-1-41", "0-1-42")).isFalse();
        assertThat(check.reached("0-1-42,1-2-7", "1-2-7,0-1-40")).isTrue();
        assertThat(check.reached("0-1-42,1-2-6", "0-1-42,1-2-7")).isFalse();
        // A domain the replica never applied is not reached; the server id does not count, as in MASTER_GTID_WAIT.
        assertThat(check.reached("0-1-42", "0-1-42,1-2-7")).isFalse();
        assertThat(check.reached("0-3-50", "0-1-42")).isTrue();
        assertThat(check.reached("", "0-1-1")).isFalse();
        assertThat(check.reached(null, "0-1-1")).isFalse();
        assertThat(check.reached("0-1-1", null)).isTrue();
    }

    @Test
    void aGtidListRoundTripsThroughASignedTokenAndAnLsnStillDoes() {
        Map<String, String> positions = Map.of("default", "0-1-42,1-2-7", "pg", "16/B374D848");
        assertThat(tokens.decode(tokens.encode(positions))).isEqualTo(positions);
        assertThat(tokens.decode(tokens.encode(Map.of("orders", "0-1-9223372036854775807"))))
                .containsEntry("orders", "0-1-9223372036854775807");
    }

    @Test
    void aSignedTokenWithAPositionOfNeitherFormReadsAsNone() {
        assertThat(tokens.decode(tokens.encode(Map.of("default", "0-1-42,")))).isEmpty();
        assertThat(tokens.decode(tokens.encode(Map.of("default", "0-1")))).isEmpty();
        assertThat(tokens.decode(tokens.encode(Map.of("default", "select 1")))).isEmpty();
    }
}
