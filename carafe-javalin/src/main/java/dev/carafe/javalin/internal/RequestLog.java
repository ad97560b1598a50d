package dev.carafe.javalin.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last requests, at most a fixed number: the oldest goes when a new one comes. Thread-safe. */
final class RequestLog {
    private final int capacity;
    private final Deque<RequestRecord> records;

    RequestLog(int capacity) {
        this.capacity = capacity;
        this.records = new ArrayDeque<>(capacity);
    }

    synchronized void add(RequestRecord record) {
        if (records.size() == capacity) records.removeFirst();
        records.addLast(record);
    }

    /** Returns a copy, the newest request first. */
    synchronized List<RequestRecord> newestFirst() {
        List<RequestRecord> copy = new ArrayList<>(records.size());
        records.descendingIterator().forEachRemaining(copy::add);
        return copy;
    }

    int capacity() {
        return capacity;
    }
}
