package dev.skillforge.data.aggregate;

import java.util.Optional;

import dev.skillforge.data.keys.IndexKey;

/** What the top-rated list shows of one course: its average rating (two decimals) and its number of reviews. */
public record CourseRank(String courseId, double average, long reviewCount) {

    public static CourseRank of(CourseStats stats) {
        return new CourseRank(stats.courseId(), stats.average(), stats.reviewCount());
    }

    /**
     * The course's entry in the top-rated list, if it has one: published with at least {@code minReviews} reviews. This
     * is all that decides whether the rank item must be written: an enrollment or a completion changes none of it.
     */
    public static Optional<IndexKey> listing(CourseStats stats, int minReviews) {
        if (!stats.published() || stats.reviewCount() == 0 || stats.reviewCount() < minReviews) {
            return Optional.empty();
        }
        return Optional.of(CourseRankKeys.topRated(stats.averageMillis(), stats.reviewCount(), stats.courseId()));
    }
}
