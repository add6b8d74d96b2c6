package dev.skillforge.data.course;

import java.time.Instant;
import java.util.List;

/** A course as stored. Only the courses-service writes it; counters and ratings live elsewhere. */
public record Course(
        String courseId,
        String ownerId,
        String title,
        String description,
        String category,
        List<String> tags,
        String level,
        String coverImageKey,
        CourseStatus status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy,
        Instant publishedAt) {

    public Course {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean isPublished() {
        return status == CourseStatus.PUBLISHED;
    }

    /** The same course with new editable content, one version later. */
    public Course edited(String title, String description, String category, List<String> tags, String level,
            String coverImageKey, Instant at, String by) {
        return new Course(courseId, ownerId, title, description, category, tags, level, coverImageKey, status,
                version + 1, createdAt, at, by, publishedAt);
    }

    /** The same course in another status, one version later; publishing stamps the first publication time. */
    public Course withStatus(CourseStatus next, Instant at, String by) {
        Instant published = next == CourseStatus.PUBLISHED && publishedAt == null ? at : publishedAt;
        return new Course(courseId, ownerId, title, description, category, tags, level, coverImageKey, next,
                version + 1, createdAt, at, by, published);
    }
}
