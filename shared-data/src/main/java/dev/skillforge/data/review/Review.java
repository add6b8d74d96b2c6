package dev.skillforge.data.review;

import java.time.Instant;

/** One user's review of one course: a rating from 1 to 5 and optional words. */
public record Review(
        String courseId,
        String userId,
        int rating,
        String title,
        String text,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {

    public Review edited(int newRating, String newTitle, String newText, Instant at) {
        return new Review(courseId, userId, newRating, newTitle, newText, version + 1, createdAt, at, userId);
    }
}
