package dev.carafe.isolation.internal;

import dev.carafe.isolation.IsolationException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whose turn it is on one bind's pinned connection: one holder at a time, served in order of
 * arrival, for a whole transaction or a single statement outside one. The holding thread may take
 * it again (a context nested in another), and so may a lease that holds it when its work goes on on
 * another thread (an asynchronous request). Waits are bounded by the bind's pool timeout.
 */
final class TurnLock {
    private final String bind;
    private final Duration timeout;
    private final ArrayDeque<Thread> waiting = new ArrayDeque<>();
    private final Map<LeasedConnection, Integer> holds = new IdentityHashMap<>();
    private Thread holder;
    private int total;

    TurnLock(String bind, Duration timeout) {
        this.bind = bind;
        this.timeout = timeout;
    }

    /** Takes a turn for a lease, waiting behind the threads that asked before. */
    synchronized void take(LeasedConnection lease) {
        Thread me = Thread.currentThread();
        if (total == 0 ? !waiting.isEmpty() : !mayTakeAgain(me, lease)) await(me, lease);
        if (total == 0) holder = me;
        total++;
        holds.merge(lease, 1, Integer::sum);
    }

    private boolean mayTakeAgain(Thread me, LeasedConnection lease) {
        return total > 0 && (holder == me || holds.containsKey(lease));
    }

    private void await(Thread me, LeasedConnection lease) {
        waiting.addLast(me);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!(total == 0 && waiting.peekFirst() == me) && !mayTakeAgain(me, lease)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw timedOut(me);
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IsolationException("Bind '" + bind + "': thread '" + me.getName() + "' was interrupted while"
                    + " waiting for its turn on the test's connection.");
        } finally {
            waiting.remove(me);
            // The next in line may be able to go now that this thread is out of the queue.
            notifyAll();
        }
    }

    private IsolationException timedOut(Thread me) {
        String held = holder == null ? "another thread" : "thread '" + holder.getName() + "'";
        String since = holds.keySet().stream().map(LeasedConnection::transactionBegunAt)
                .filter(location -> location != null).findFirst()
                .map(location -> " in a transaction begun at " + location).orElse("");
        return new IsolationException("Bind '" + bind + "': thread '" + me.getName() + "' waited " + timeout.toMillis()
                + " ms for its turn on the test's connection, which " + held + " holds" + since + ". While a test is"
                + " isolated, every thread shares one connection per bind and takes its turn at transaction boundaries:"
                + " commit or roll back before waiting for another thread (sending a request to the application, say),"
                + " or raise the bind's pool-timeout.");
    }

    /** Gives back one turn a lease took. */
    synchronized void give(LeasedConnection lease) {
        Integer held = holds.get(lease);
        if (held == null) return;
        if (held == 1) holds.remove(lease);
        else holds.put(lease, held - 1);
        freeIfNobodyHolds();
    }

    /** Gives back every turn a lease still holds, as it closes. */
    synchronized void giveAll(LeasedConnection lease) {
        Integer held = holds.remove(lease);
        if (held == null) return;
        total -= held - 1;
        freeIfNobodyHolds();
    }

    private void freeIfNobodyHolds() {
        if (--total == 0) {
            holder = null;
            notifyAll();
        }
    }

    /**
     * Waits until nobody holds a turn, for the isolation's end; gives up after the timeout.
     *
     * @return whether the connection is free
     */
    synchronized boolean awaitFree() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (total > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
