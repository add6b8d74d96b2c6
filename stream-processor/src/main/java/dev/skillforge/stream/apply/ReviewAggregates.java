package dev.skillforge.stream.apply;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.stream.ChangeEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Review count, rating sum and the 1..5 histogram of each course, exact through inserts, edits and deletes. */
@ApplicationScoped
public class ReviewAggregates implements Applier {

    @Inject
    AggregateWriter writer;

    @Override
    public String name() {
        return "review-aggregates";
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return ReviewKeys.ENTITY.equals(event.entity());
    }

    @Override
    public void apply(ChangeEvent event) {
        Map<String, Long> delta = Contributions.delta(event.oldImage(), event.newImage(), ReviewAggregates::contribution);
        if (delta.isEmpty()) {
            return;
        }
        String courseId = Items.string(event.current(), "courseId");
        writer.applyOnce(event.eventId(), name(), courseId, delta);
        writer.refreshRanking(courseId);
    }

    static Map<String, Long> contribution(Map<String, AttributeValue> review) {
        int rating = (int) Items.number(review, ReviewCodec.RATING, 0);
        if (rating < 1 || rating > 5) {
            return Map.of();
        }
        return Map.of(CourseStatsCodec.REVIEW_COUNT, 1L, CourseStatsCodec.RATING_SUM, (long) rating, CourseStatsCodec.bucket(rating), 1L);
    }
}
