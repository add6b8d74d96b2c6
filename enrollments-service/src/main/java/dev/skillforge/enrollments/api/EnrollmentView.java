package dev.skillforge.enrollments.api;

import jakarta.annotation.Nullable;
import dev.skillforge.web.media.MediaLinks;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.enrollments.app.EnrolledCourse;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One of the caller's enrollments, with what a course card needs. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentView(String courseId, Instant enrolledAt, @Nullable Instant completedAt, CourseCard course) {

    /** The course as an enrollment list shows it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CourseCard(String title, @Nullable String coverImageKey, @Nullable String coverImageUrl, @Nullable String category, String status) {
    }

    public static EnrollmentView of(EnrolledCourse enrolled, MediaLinks media) {
        var c = enrolled.course();
        var e = enrolled.enrollment();
        return new EnrollmentView(e.courseId(), e.enrolledAt(), e.completedAt(),
                new CourseCard(c.title(), c.coverImageKey(), media.publicUrl(c.coverImageKey()), c.category(), c.status().value()));
    }
}
