package dev.carafe.replica.internal;

import dev.carafe.bind.internal.Bind;
import dev.carafe.bind.internal.BindSet;
import dev.carafe.bind.internal.ReadPositions;
import dev.carafe.replica.ReplicaReads;
import dev.carafe.session.DbContext;
import dev.carafe.session.internal.CarafeContext;
import java.util.Map;
import java.util.function.Consumer;

/** Carafe's {@link ReplicaReads}: position tokens signed with the cursor secret. Thread-safe. */
public final class SignedReplicaReads implements ReplicaReads {
    private final boolean configured;
    private final PositionTokens tokens;

    /**
     * Creates the feature.
     *
     * @param binds the binds, some of which may have replicas
     * @param secret the secret that signs tokens (the cursor secret)
     */
    public SignedReplicaReads(BindSet binds, byte[] secret) {
        this.configured = binds.select().stream().map(Bind::replicas).anyMatch(replicas -> replicas != null);
        this.tokens = new PositionTokens(secret);
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public void require(DbContext context, String token) {
        if (!configured || token == null) return;
        Map<String, String> positions = tokens.decode(token);
        // A token that does not verify (altered, or signed before a restart with a random secret) may
        // stand for writes the client must see: its reads go to the primary.
        if (positions.isEmpty()) positions(context).requirePrimary();
        else positions(context).require(positions);
    }

    @Override
    public void onWrite(DbContext context, Consumer<String> listener) {
        if (configured) positions(context).onCommit(positions -> listener.accept(tokens.encode(positions)));
    }

    private static ReadPositions positions(DbContext context) {
        if (!(context instanceof CarafeContext carafe)) {
            throw new IllegalArgumentException("Pass a context that Carafe opened (db.context() or"
                    + " db.requestContexts().open(...)), not " + context + ".");
        }
        return carafe.sessions().positions();
    }
}
