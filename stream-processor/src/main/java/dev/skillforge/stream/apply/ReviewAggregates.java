package dev.skillforge.stream.apply;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.table.Concurrently;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Review count, rating sum and the 1..5 histogram of each course, exact through inserts, edits and deletes. */
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

    /**
     * The average and the top-rated key follow the counters, computed from the aggregate the counter write returned
     * where there is one, for all courses at once.
     */
    @Override
    boolean needsAggregateAfter() {
        return true;
    }

    @Override
    void afterApply(List<AggregateWriter.Settled> courses) {
        Concurrently.forEach(courses, AggregateWriter.PARALLEL_COURSES, course -> writer.refreshRanking(course.courseId(), course.after()));
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
