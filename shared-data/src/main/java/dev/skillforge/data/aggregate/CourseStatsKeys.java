package dev.skillforge.data.aggregate;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * Per-course aggregates kept by the stream-processor only (review count, rating sum, histogram,
 * enrollment and completion counts). The top-rated list is not on them but on a small rank item beside them
 * ({@link CourseRankKeys}), so the roll-ups of enrollments never rewrite the list.
 */
public final class CourseStatsKeys {

    public static final String ENTITY = "courseStats";
    /** The entity tag of a counter shard (never read by the API: the aggregate holds the sums). */
    public static final String SHARD_ENTITY = "courseStatsShard";
    public static final String SORT_KEY = "stats";
    /**
     * Counter shards per course: the processor adds a batch's deltas to one shard chosen at random, so concurrent batches
     * of a busy course rarely write the same item, and each item stays far below one partition's write rate. They live
     * in their own partition (not the course's), so no transaction on them ever involves the course item, its lessons
     * or its reviews.
     */
    public static final int COUNTER_SHARDS = 8;
    public static final String SHARD_PREFIX = "shard#";

    public static final AccessPattern OF_COURSE = new AccessPattern(ENTITY, "a course's rating and counters", "GetItem",
            AccessPattern.TABLE, "PK = course#<courseId> AND SK = stats", "GET /courses/{courseId}/rating, stream-processor");
    public static final AccessPattern COUNTERS_OF_COURSE = new AccessPattern(SHARD_ENTITY,
            "a course's counter shards (the roll-up, the rebuild)", "Query (consistent)",
            AccessPattern.TABLE, "PK = course#<courseId>#counters", "stream-aggregates");

    private CourseStatsKeys() {
    }

    public static Key primary(String courseId) {
        return new Key(CourseKeys.partition(courseId), SORT_KEY);
    }

    /** One counter shard of a course's aggregate: {@code course#<id>#counters} / {@code shard#0} .. {@code shard#7}. */
    public static Key counterShard(String courseId, int shard) {
        if (shard < 0 || shard >= COUNTER_SHARDS) {
            throw new IllegalArgumentException("no counter shard " + shard);
        }
        return new Key(countersPartition(courseId), SHARD_PREFIX + shard);
    }

    public static String countersPartition(String courseId) {
        return CourseKeys.partition(courseId) + "#counters";
    }
}
