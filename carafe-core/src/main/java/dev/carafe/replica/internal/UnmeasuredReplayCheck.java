package dev.carafe.replica.internal;

import java.sql.Connection;
import java.time.Duration;

/** For databases whose replication Carafe does not measure: no positions, no lag. */
final class UnmeasuredReplayCheck implements ReplayCheck {
    @Override
    public String primaryPosition(Connection primary) {
        return null;
    }

    @Override
    public State replicaState(Connection connection, Replica replica) {
        return new State(null, Duration.ZERO);
    }

    @Override
    public boolean reached(String replayed, String required) {
        return required == null;
    }
}
