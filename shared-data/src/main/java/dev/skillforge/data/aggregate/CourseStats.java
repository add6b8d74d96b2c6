package dev.skillforge.data.aggregate;

import java.util.List;

/**
 * A course's aggregates, kept exact by the stream-processor (no API writes them): reviews (count, rating sum,
 * histogram of 1..5), enrollments and completions, and whether the course is published (for the top-rated index).
 */
public record CourseStats(
        String courseId,
        long reviewCount,
        long ratingSum,
        List<Long> histogram,
        long enrollmentCount,
        long completionCount,
        boolean published) {

    public static CourseStats empty(String courseId) {
        return new CourseStats(courseId, 0, 0, List.of(0L, 0L, 0L, 0L, 0L), 0, 0, false);
    }

    /** The average rating to two decimals (0 without reviews). */
    public double average() {
        return reviewCount == 0 ? 0 : Math.round(ratingSum * 100.0 / reviewCount) / 100.0;
    }

    /** The average in thousandths, for sort keys: 4.25 -> 4250. */
    public long averageMillis() {
        return reviewCount == 0 ? 0 : Math.round(ratingSum * 1000.0 / reviewCount);
    }
}
