package dev.skillforge.data.table;

import java.util.List;
import java.util.stream.Collectors;

import dev.skillforge.data.cascade.CascadeJobKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.ReviewKeys;

/**
 * The two consumers of the table's stream (DynamoDB Streams serves at most two Lambda consumers per shard without
 * throttling), one failure domain each: both run the stream-processor's package, each with its own event source
 * mapping, filter, retries, on-failure queue and alarms. A failing or throttled audit log, search index or cascade
 * therefore never holds back or drops a counter, and the other way round.
 */
public enum StreamConsumer {

    /** Counters, ratings and ranking: enrollments and reviews counted, courses' publication and deletion followed. */
    AGGREGATES("stream-aggregates", List.of(CourseKeys.ENTITY, EnrollmentKeys.ENTITY, ReviewKeys.ENTITY)),

    /**
     * The audit log, the search index, the course cascade (started by a course's delete, continued by its job item), the
     * erasure of deleted accounts, and the cleanup of media files nothing holds any more (profiles and upload grants for it).
     */
    RECORDS("stream-records", List.of(CourseKeys.ENTITY, LessonKeys.ENTITY, LessonKeys.OUTLINE_ENTITY, EnrollmentKeys.ENTITY, ReviewKeys.ENTITY,
            ProgressKeys.ENTITY, CascadeJobKeys.ENTITY, dev.skillforge.data.user.UserKeys.ACCOUNT_ENTITY,
            dev.skillforge.data.user.ErasureJobKeys.ENTITY, dev.skillforge.data.user.UserKeys.ENTITY,
            dev.skillforge.data.media.MediaUploadKeys.ENTITY));

    private final String functionName;
    private final List<String> entities;

    StreamConsumer(String functionName, List<String> entities) {
        this.functionName = functionName;
        this.entities = entities;
    }

    /** The function this consumer is deployed as (the stream-processor package with SKILLFORGE_STREAM_CONSUMER set). */
    public String functionName() {
        return functionName;
    }

    /** The configuration value that selects this consumer: {@code aggregates} or {@code records}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Entity tags of the items whose changes this consumer acts on. */
    public List<String> entities() {
        return entities;
    }

    /**
     * Lambda filter criteria of this consumer's event source mapping, as filter-pattern JSON: a record is delivered when
     * its new image or its old image is of one of the consumer's entities (inserts have only a new image, deletes only an
     * old one). Exact-match value lists only, so the local stream feeder evaluates the same strings exactly as Lambda.
     */
    public List<String> filterPatterns() {
        return List.of(entityOf("NewImage"), entityOf("OldImage"));
    }

    public static StreamConsumer of(String id) {
        for (StreamConsumer consumer : values()) {
            if (consumer.id().equals(id)) {
                return consumer;
            }
        }
        throw new IllegalArgumentException("no stream consumer '" + id + "' (aggregates or records)");
    }

    /** {"dynamodb":{"<image>":{"entity":{"S":[entities]}}}}: the entity tags are plain words, no escaping needed. */
    private String entityOf(String image) {
        String tags = entities.stream().map(tag -> "\"" + tag + "\"").collect(Collectors.joining(","));
        return "{\"dynamodb\":{\"" + image + "\":{\"" + ItemWriter.ENTITY + "\":{\"S\":[" + tags + "]}}}}";
    }
}
