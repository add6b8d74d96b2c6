package dev.skillforge.courses.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.data.course.Course;

/** A course as the API shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CourseView(
        String id,
        String title,
        String description,
        String category,
        List<String> tags,
        String level,
        String coverImageKey,
        String instructorId,
        String status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {

    public static CourseView of(Course c) {
        return new CourseView(c.courseId(), c.title(), c.description(), c.category(), c.tags(), c.level(), c.coverImageKey(),
                c.ownerId(), c.status().value(), c.version(), c.createdAt(), c.updatedAt(), c.publishedAt());
    }
}
