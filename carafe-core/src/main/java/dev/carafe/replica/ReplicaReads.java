package dev.carafe.replica;

import dev.carafe.session.DbContext;
import java.util.function.Consumer;

/**
 * Read-your-writes across requests, for the web plugins and for integrations with other
 * frameworks: after a commit that wrote on a bind with replicas, a context hands out a signed token
 * of the primary's position; a later context given that token reads from a replica only once the
 * replica has replayed up to it, and from the primary until then. Obtain it from
 * {@link dev.carafe.Carafe#replicaReads()}. Thread-safe.
 *
 * <pre>{@code
 * ReplicaReads reads = db.replicaReads();
 * reads.require(context, request.cookie(ReplicaReads.COOKIE));
 * reads.onWrite(context, token -> response.cookie(ReplicaReads.COOKIE, token));
 * }</pre>
 */
public interface ReplicaReads {
    /** The name of the cookie in which the web plugins keep the token. */
    String COOKIE = "carafe-rw";

    /**
     * Tells whether any bind has replicas; when none has, the other methods do nothing.
     *
     * @return whether replicas are configured
     */
    boolean configured();

    /**
     * Makes a context read from a replica only once that replica has replayed the positions in a
     * token. A missing token changes nothing; one that is altered or signed with another secret is
     * no error either, and the context then reads from the primary.
     * Call it before the context's first read.
     *
     * @param context an open context
     * @param token a token from {@link #onWrite}, or {@code null}
     */
    void require(DbContext context, String token);

    /**
     * Hands a listener a new token after each commit of the context that wrote on a bind with
     * replicas; the token also carries the positions the context was given.
     *
     * @param context an open context
     * @param listener receives the token, on the thread that committed
     */
    void onWrite(DbContext context, Consumer<String> listener);
}
