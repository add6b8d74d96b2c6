package dev.skillforge.data.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.item.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** CourseStats <-> item. Counters are top-level numbers so the processor can ADD to them. */
public final class CourseStatsCodec {

    /** 2: counters are summed from counter shards into this item (1 added them here directly). */
    public static final int SCHEMA_VERSION = 2;
    public static final String REVIEW_COUNT = "reviewCount";
    public static final String RATING_SUM = "ratingSum";
    public static final String RATING_PREFIX = "rating";
    public static final String ENROLLMENT_COUNT = "enrollmentCount";
    public static final String COMPLETION_COUNT = "completionCount";
    public static final String PUBLISHED = "published";
    public static final String AVERAGE = "average";
    /** Schema 1's set of stream event ids being applied; removed by the first roll-up of schema 2. */
    public static final String LEGACY_IN_FLIGHT = "inflight";
    /** On a counter shard: how many transactions have written it (only ever grows). */
    public static final String SHARD_WRITES = "shardWrites";
    /** On the aggregate: the sum of its shards' {@link #SHARD_WRITES} its counters were rolled up from. */
    public static final String ROLLED_UP_FROM = "rolledUpFrom";
    /** On a counter shard: the course is deleted; no transaction may count into it any more (a tombstone with a TTL). */
    public static final String CLOSED = "closed";
    /** Every counter, in the order reports list them. */
    public static final List<String> COUNTERS = List.of(REVIEW_COUNT, RATING_SUM, bucket(1), bucket(2), bucket(3), bucket(4),
            bucket(5), ENROLLMENT_COUNT, COMPLETION_COUNT);

    private CourseStatsCodec() {
    }

    /** "rating1" .. "rating5": the histogram bucket of a star rating. */
    public static String bucket(int stars) {
        return RATING_PREFIX + stars;
    }

    public static CourseStats fromItem(String courseId, Map<String, AttributeValue> item) {
        List<Long> histogram = new ArrayList<>();
        for (int stars = 1; stars <= 5; stars++) {
            histogram.add(Items.number(item, bucket(stars), 0));
        }
        return new CourseStats(courseId, Items.number(item, REVIEW_COUNT, 0), Items.number(item, RATING_SUM, 0), histogram,
                Items.number(item, ENROLLMENT_COUNT, 0), Items.number(item, COMPLETION_COUNT, 0), Items.bool(item, PUBLISHED));
    }
}
