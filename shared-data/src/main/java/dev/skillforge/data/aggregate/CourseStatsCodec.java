package dev.skillforge.data.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.item.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** CourseStats <-> item. Counters are top-level numbers so the processor can ADD to them. */
public final class CourseStatsCodec {

    public static final int SCHEMA_VERSION = 1;
    public static final String REVIEW_COUNT = "reviewCount";
    public static final String RATING_SUM = "ratingSum";
    public static final String RATING_PREFIX = "rating";
    public static final String ENROLLMENT_COUNT = "enrollmentCount";
    public static final String COMPLETION_COUNT = "completionCount";
    public static final String PUBLISHED = "published";
    public static final String AVERAGE = "average";
    /** Stream event ids being applied right now (see the stream-processor's exactly-once protocol). */
    public static final String IN_FLIGHT = "inflight";

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
