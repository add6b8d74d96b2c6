package dev.skillforge.data.aggregate;

import java.util.Map;
import java.util.Optional;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * CourseRank <-> item, and the aggregate's record of what its rank item holds. A rank item is {@code courseId},
 * {@code average}, {@code reviewCount}, the {@code rolledUpFrom} of the roll-up that wrote it, and the GSI2 key while
 * listed.
 */
public final class CourseRankCodec {

    public static final int SCHEMA_VERSION = 1;
    /**
     * On the aggregate: the list entry its rank item holds (the GSI2 sort key, or {@link #UNLISTED}), set by every roll-up;
     * a roll-up writes the rank item only when the entry it computes differs from it.
     */
    public static final String RANKED_AS = "rankedAs";
    /** The {@link #RANKED_AS} of a course that is not in the list (no rank item, or one without the GSI2 key). */
    public static final String UNLISTED = "unlisted";

    private CourseRankCodec() {
    }

    /** What {@link #RANKED_AS} must say for these aggregates. */
    public static String rankedAs(CourseStats stats, int minReviews) {
        return CourseRank.listing(stats, minReviews).map(key -> key.sk()).orElse(UNLISTED);
    }

    /**
     * What the aggregate says its rank item holds: its {@link #RANKED_AS}; {@link #UNLISTED} for an aggregate of the
     * layout before rank items that is not listed; empty for one of that layout that still carries the list's key
     * itself (its first roll-up must write the rank item and take the key off the aggregate).
     */
    public static Optional<String> recordedOn(Map<String, AttributeValue> aggregate) {
        if (aggregate == null) {
            return Optional.of(UNLISTED);
        }
        String recorded = Items.string(aggregate, RANKED_AS);
        if (recorded != null) {
            return Optional.of(recorded);
        }
        return aggregate.containsKey(TableDesign.GSI2.partitionKey()) ? Optional.empty() : Optional.of(UNLISTED);
    }

    /** A top-rated list entry: a rank item, or an aggregate of the layout before rank items (the same attributes). */
    public static CourseRank fromItem(Map<String, AttributeValue> item) {
        long reviewCount = Items.number(item, CourseStatsCodec.REVIEW_COUNT, 0);
        AttributeValue average = item.get(CourseStatsCodec.AVERAGE);
        double value = average != null && average.n() != null ? Double.parseDouble(average.n())
                : reviewCount == 0 ? 0 : Math.round(Items.number(item, CourseStatsCodec.RATING_SUM, 0) * 100.0 / reviewCount) / 100.0;
        return new CourseRank(courseIdOf(item), value, reviewCount);
    }

    static String courseIdOf(Map<String, AttributeValue> item) {
        String courseId = Items.string(item, "courseId");
        return courseId != null ? courseId : item.get(TableDesign.PK).s().substring(CourseKeys.PARTITION_PREFIX.length());
    }
}
