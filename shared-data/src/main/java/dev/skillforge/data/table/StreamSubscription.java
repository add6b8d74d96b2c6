package dev.skillforge.data.table;

import java.time.Duration;

/**
 * How the stream consumers ({@link StreamConsumer}) read the table's stream, in one place: the CDK app configures
 * each event source mapping from these values and the local run's stream feeder follows the same ones.
 */
public final class StreamSubscription {

    /** Records per invocation at most. */
    public static final int BATCH_SIZE = 100;
    /** No batching window: a change reaches the aggregates as soon as the stream has it. */
    public static final Duration MAX_BATCHING_WINDOW = Duration.ZERO;
    /** Retries of a failing batch (from the first failed record) before it goes to the on-failure destination. */
    public static final int RETRY_ATTEMPTS = 10;
    /** Older records are sent to the on-failure destination instead of being retried. */
    public static final Duration MAX_RECORD_AGE = Duration.ofHours(6);
    /** The function reports the first failed record (ReportBatchItemFailures) and is retried from there. */
    public static final boolean REPORT_BATCH_ITEM_FAILURES = true;
    /** On a function error (no report), the batch is split in two to isolate a poison record. */
    public static final boolean BISECT_ON_ERROR = true;

    private StreamSubscription() {
    }
}
