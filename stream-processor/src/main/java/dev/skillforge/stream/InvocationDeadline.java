package dev.skillforge.stream;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * When the current invocation must stop taking on work: its Lambda timeout less a reserve for parking and reporting what
 * is left. Lambda runs one invocation at a time per instance, so one value serves the appliers' threads too. Work that
 * would start past it throws {@link Reached}, which fails the run it is in; the processor reports that run and the rest
 * for retry (applying them again changes nothing).
 */
@ApplicationScoped
public class InvocationDeadline {

    /** No deadline (tests without a Lambda context, maintenance commands). */
    public static final long NONE = Long.MAX_VALUE;

    /** The invocation is out of time for more work. */
    public static final class Reached extends RuntimeException {
        Reached() {
            super("stopped before the function's timeout", null, false, false);
        }
    }

    private volatile long deadlineNanos = NONE;

    public void set(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    public long nanos() {
        return deadlineNanos;
    }

    /** Milliseconds left before the deadline (Long.MAX_VALUE without one). */
    public long remainingMillis() {
        long deadline = deadlineNanos;
        return deadline == NONE ? Long.MAX_VALUE : (deadline - System.nanoTime()) / 1_000_000;
    }

    /** Throws {@link Reached} when fewer than {@code neededMillis} are left. */
    public void require(long neededMillis) {
        if (remainingMillis() < neededMillis) {
            throw new Reached();
        }
    }
}
