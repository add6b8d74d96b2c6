package dev.skillforge.reviews.api;

import jakarta.annotation.Nullable;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.data.review.Review;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A review as the API shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewView(String courseId, String userId, int rating, @Nullable String title, @Nullable String text, long version, Instant createdAt,
        Instant updatedAt) {

    public static ReviewView of(Review r) {
        return new ReviewView(r.courseId(), r.userId(), r.rating(), r.title(), r.text(), r.version(), r.createdAt(), r.updatedAt());
    }
}
