package dev.skillforge.courses.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.data.course.Course;
import dev.skillforge.web.media.MediaLinks;

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
        @Schema(description = "The cover image, public through the CDN (absent without a cover)") String coverImageUrl,
        String instructorId,
        String status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt) {

    public static CourseView of(Course c, MediaLinks media) {
        return new CourseView(c.courseId(), c.title(), c.description(), c.category(), c.tags(), c.level(), c.coverImageKey(),
                media.publicUrl(c.coverImageKey()),
                c.ownerId(), c.status().value(), c.version(), c.createdAt(), c.updatedAt(), c.publishedAt());
    }
}
