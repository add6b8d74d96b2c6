package dev.skillforge.courses.api;

import jakarta.annotation.Nullable;
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
        @Nullable String description,
        @Nullable String category,
        @Nullable List<String> tags,
        @Nullable String level,
        @Nullable String coverImageKey,
        @Schema(description = "The cover image, public through the CDN (absent without a cover)") @Nullable String coverImageUrl,
        String instructorId,
        String status,
        long version,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant publishedAt) {

    public static CourseView of(Course c, MediaLinks media) {
        return new CourseView(c.courseId(), c.title(), c.description(), c.category(), c.tags(), c.level(), c.coverImageKey(),
                media.publicUrl(c.coverImageKey()),
                c.ownerId(), c.status().value(), c.version(), c.createdAt(), c.updatedAt(), c.publishedAt());
    }
}
