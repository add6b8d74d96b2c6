package dev.skillforge.reviews.app;

import dev.skillforge.data.review.Review;

/** The outcome of posting a review: the review, and whether this request wrote it (201) or found the same one (200). */
public record Reviewed(Review review, boolean created) {
}
