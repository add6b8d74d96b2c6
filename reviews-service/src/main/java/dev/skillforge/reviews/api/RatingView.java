package dev.skillforge.reviews.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.skillforge.data.aggregate.CourseStats;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A course's rating: count, average, histogram of 1..5 stars, and its enrollment and completion counts. */
@RegisterForReflection
public record RatingView(String courseId, long reviewCount, double average, Map<String, Long> histogram, long enrollmentCount,
        long completionCount) {

    public static RatingView of(CourseStats s) {
        Map<String, Long> histogram = new LinkedHashMap<>();
        for (int stars = 1; stars <= 5; stars++) {
            histogram.put(Integer.toString(stars), s.histogram().get(stars - 1));
        }
        return new RatingView(s.courseId(), s.reviewCount(), s.average(), histogram, s.enrollmentCount(), s.completionCount());
    }
}
