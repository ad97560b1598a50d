package dev.carafe.session;

import java.util.ArrayDeque;
import java.util.Deque;

/** The default {@link ContextScope}: a stack of contexts per thread. */
final class ThreadBoundScope implements ContextScope {
    private final ThreadLocal<Deque<DbContext>> stacks = ThreadLocal.withInitial(ArrayDeque::new);

    @Override
    public DbContext current() {
        return stacks.get().peek();
    }

    @Override
    public void enter(DbContext context) {
        stacks.get().push(context);
    }

    @Override
    public void exit(DbContext context) {
        Deque<DbContext> stack = stacks.get();
        stack.remove(context);
        if (stack.isEmpty()) stacks.remove();
    }
}
