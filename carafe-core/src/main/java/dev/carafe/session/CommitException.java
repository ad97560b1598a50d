package dev.carafe.session;

import dev.carafe.bind.Binds;
import dev.carafe.error.CarafeException;
import java.util.List;

/**
 * A commit failed on one bind. Carafe flushes every bind before committing any, so most
 * failures (constraint violations found by the flush) leave every bind uncommitted; a failure
 * in the commit itself can leave earlier binds committed, and {@link #committedBinds()} says
 * which. The context's remaining binds are rolled back.
 *
 * <p>Binds commit in the order the session first used them, one after the other, without a
 * two-phase commit. So when a later bind's {@code COMMIT} fails (a {@code DEFERRABLE INITIALLY
 * DEFERRED} constraint checked only at commit, or a connection killed between flush and commit),
 * the rows of the binds listed in {@link #committedBinds()} stay committed and the failing bind
 * and those after it have none. An application that must undo the earlier binds' work does so
 * itself, from this exception. A lost connection (in the cause chain) becomes a 503 in the web
 * plugins; any other cause is the application's to fix.
 */
public class CommitException extends CarafeException {
    private static final long serialVersionUID = 1L;

    private final String bindKey;
    private final List<String> committedBinds;
    private final boolean commitSent;

    /**
     * Creates the exception for a failure before any {@code COMMIT} was sent (a flush).
     *
     * @param bindKey the bind whose flush or commit failed
     * @param committedBinds binds already committed before the failure, in commit order
     * @param cause the failure from Hibernate or the driver
     */
    public CommitException(String bindKey, List<String> committedBinds, RuntimeException cause) {
        this(bindKey, committedBinds, cause, false);
    }

    /**
     * Creates the exception.
     *
     * @param bindKey the bind whose flush or commit failed
     * @param committedBinds binds already committed before the failure, in commit order
     * @param cause the failure from Hibernate or the driver
     * @param commitSent whether the failing bind's {@code COMMIT} itself failed, rather than its flush
     */
    public CommitException(String bindKey, List<String> committedBinds, RuntimeException cause, boolean commitSent) {
        super(message(bindKey, committedBinds, cause), cause);
        this.bindKey = bindKey;
        this.committedBinds = List.copyOf(committedBinds);
        this.commitSent = commitSent;
    }

    /**
     * Tells whether the failing bind's {@code COMMIT} statement itself failed (rather than the flush
     * before it). When its connection was lost then, whether the database committed is unknown, so
     * Carafe never runs such a transaction again on its own.
     *
     * @return whether the {@code COMMIT} was sent
     */
    public boolean commitSent() {
        return commitSent;
    }

    private static String message(String bindKey, List<String> committed, RuntimeException cause) {
        String outcome = committed.isEmpty()
                ? "No bind was committed; every bind of this session was rolled back."
                : binds(committed) + " already committed; the others were rolled back.";
        return "Commit failed on bind '" + bindKey + "': " + cause.getMessage() + ". " + outcome;
    }

    /** Names the committed binds in a sentence: {@code Bind 'a' was}, {@code Binds 'a' and 'b' were}. */
    private static String binds(List<String> committed) {
        List<String> quoted = committed.stream().map(bind -> "'" + bind + "'").toList();
        if (quoted.size() == 1) return "Bind " + quoted.get(0) + " was";
        return "Binds " + String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1)
                + " were";
    }

    /**
     * Returns the bind whose flush or commit failed.
     *
     * @return the bind key
     */
    public String bindKey() {
        return bindKey;
    }

    /**
     * Returns the binds that were committed before the failure, in commit order.
     *
     * @return an immutable list, empty when nothing was committed
     */
    public List<String> committedBinds() {
        return committedBinds;
    }
}
