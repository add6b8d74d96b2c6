package dev.skillforge.data.table;

import java.time.Duration;

/**
 * How the stream consumers ({@link StreamConsumer}) read the table's stream, in one place: the CDK app configures
 * each event source mapping from these values and the local run's stream feeder follows the same ones.
 */
public final class StreamSubscription {

    /**
     * Records per invocation at most. With no batching window a quiet stream still delivers each change at once, in small
     * batches; under load the batches fill up, and a large batch is what makes counting cheap (one transaction and one
     * roll-up per course per batch, docs/stream-performance.md), so the ceiling is high.
     */
    public static final int BATCH_SIZE = 1_000;
    /** No batching window: a change reaches the aggregates as soon as the stream has it. */
    public static final Duration MAX_BATCHING_WINDOW = Duration.ZERO;
    /** Retries of a failing batch (from the first failed record) before it goes to the on-failure destination. */
    public static final int RETRY_ATTEMPTS = 10;
    /*
     * No maximum record age (the mapping's default, -1): the mapping drops a record only after RETRY_ATTEMPTS failed
     * deliveries, each of which parks it first (a limit would send old records to the failure queue unseen and unparked).
     * The stream itself still trims records after 24 hours, so a consumer a day behind loses them: the iterator-age alarm
     * fires after a minute.
     */
    /** The function reports the first failed record (ReportBatchItemFailures) and is retried from there. */
    public static final boolean REPORT_BATCH_ITEM_FAILURES = true;
    /** On a function error (no report), the batch is split in two to isolate a poison record. */
    public static final boolean BISECT_ON_ERROR = true;

    private StreamSubscription() {
    }
}
