package dev.skillforge.stream.apply;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.review.ReviewKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Review count, rating sum and the 1..5 histogram of each course, exact through inserts, edits and deletes; the average
 * and the top-rated key follow them in the roll-up.
 */
@ApplicationScoped
public class ReviewAggregates extends CourseCounters {

    @Override
    public String name() {
        return "review-aggregates";
    }

    @Override
    public String entity() {
        return ReviewKeys.ENTITY;
    }

    @Override
    public Map<String, Long> contribution(Map<String, AttributeValue> review) {
        int rating = (int) Items.number(review, ReviewCodec.RATING, 0);
        if (rating < 1 || rating > 5) {
            return Map.of();
        }
        return Map.of(CourseStatsCodec.REVIEW_COUNT, 1L, CourseStatsCodec.RATING_SUM, (long) rating, CourseStatsCodec.bucket(rating), 1L);
    }
}
