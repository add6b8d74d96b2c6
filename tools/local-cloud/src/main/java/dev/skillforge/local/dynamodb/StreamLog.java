package dev.skillforge.local.dynamodb;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.testing.StreamRecords;

/**
 * The table's change stream as the local run keeps it: one ordered log (one shard), so changes to an item are
 * always read in the order they were committed. Each consumer reads at its own position; records are dropped once
 * every consumer has moved past them.
 */
public final class StreamLog {

    private final String tableName;
    private final List<ObjectNode> records = new ArrayList<>();
    /** Position of records.get(0) in the whole stream. */
    private long base;
    private BigInteger sequence = StreamRecords.FIRST_SEQUENCE;
    /** The last records appended, whether consumed or not (for benchmarks and fixtures). */
    private final java.util.ArrayDeque<ObjectNode> recent = new java.util.ArrayDeque<>();
    private static final int RECENT = 2_000;
    /** Where each registered consumer is (records before the smallest are dropped). */
    private final List<Long> consumers = new ArrayList<>();

    public StreamLog(String tableName) {
        this.tableName = tableName;
    }

    public synchronized void append(ObjectNode keys, ObjectNode oldImage, ObjectNode newImage) {
        sequence = sequence.add(BigInteger.ONE);
        ObjectNode record = StreamRecords.change(tableName, sequence, keys, oldImage, newImage);
        records.add(record);
        recent.addLast(record);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        notifyAll();
    }

    /**
     * Up to {@code max} records from {@code position}, waiting up to {@code waitMillis} for the first one
     * (an empty list when none came).
     */
    public synchronized List<ObjectNode> read(long position, int max, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        while (base + records.size() <= position) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return List.of();
            }
            wait(left);
        }
        int from = (int) (position - base);
        return List.copyOf(records.subList(from, Math.min(records.size(), from + max)));
    }

    /** A new consumer, starting at the end of the log; its id for {@link #trim}. */
    public synchronized int register() {
        consumers.add(end());
        return consumers.size() - 1;
    }

    /** Consumer {@code consumer} is past {@code position}: what every consumer is past is no longer needed. */
    public synchronized void trim(int consumer, long position) {
        consumers.set(consumer, position);
        long slowest = consumers.stream().mapToLong(Long::longValue).min().orElse(position);
        int drop = (int) Math.min(records.size(), slowest - base);
        if (drop > 0) {
            records.subList(0, drop).clear();
            base += drop;
        }
    }

    public synchronized List<ObjectNode> recent() {
        return List.copyOf(recent);
    }

    public synchronized long end() {
        return base + records.size();
    }
}
