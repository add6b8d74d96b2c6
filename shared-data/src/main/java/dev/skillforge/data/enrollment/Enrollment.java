package dev.skillforge.data.enrollment;

import java.time.Instant;

/** A user's enrollment in a course; {@code completedAt} is set once every lesson is done. */
public record Enrollment(String userId, String courseId, Instant enrolledAt, Instant completedAt, String updatedBy) {
}
