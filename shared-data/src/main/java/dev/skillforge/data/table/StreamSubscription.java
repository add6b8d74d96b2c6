package dev.skillforge.data.table;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.ReviewKeys;

/**
 * How the stream-processor reads the table's stream, in one place: the CDK app configures the event source
 * mapping from these values and the local run's stream feeder follows the same ones.
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

    /**
     * Entity tags of the items the stream-processor acts on: courses (listing, search index, cascade on delete,
     * audit), lessons (audit), enrollments (counters, audit), reviews (aggregates, audit) and progress (audit). Its
     * own writes (course aggregates, stream markers, audit entries), the search entries and user profiles are not
     * here: their records, TTL deletes included, do not invoke it.
     */
    public static final List<String> PROCESSED_ENTITIES = List.of(CourseKeys.ENTITY, LessonKeys.ENTITY, EnrollmentKeys.ENTITY,
            ReviewKeys.ENTITY, ProgressKeys.ENTITY);

    /**
     * Lambda filter criteria of the event source mapping, as Lambda filter-pattern JSON: a record is delivered when
     * any pattern matches it, i.e. when its new image or its old image is of a processed entity. Inserts have only a
     * new image, deletes only an old one; both pass. Exact-match value lists only, so the local stream feeder
     * evaluates the same strings exactly as Lambda does.
     */
    public static final List<String> FILTER_PATTERNS = List.of(entityOf("NewImage"), entityOf("OldImage"));

    private StreamSubscription() {
    }

    /** {"dynamodb":{"<image>":{"entity":{"S":[processed entities]}}}}: the entity tags are plain words, no escaping needed. */
    private static String entityOf(String image) {
        String tags = PROCESSED_ENTITIES.stream().map(tag -> "\"" + tag + "\"").collect(Collectors.joining(","));
        return "{\"dynamodb\":{\"" + image + "\":{\"" + ItemWriter.ENTITY + "\":{\"S\":[" + tags + "]}}}}";
    }
}
