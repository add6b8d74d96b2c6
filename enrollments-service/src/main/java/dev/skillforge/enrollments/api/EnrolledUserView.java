package dev.skillforge.enrollments.api;

import jakarta.annotation.Nullable;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.enrollments.app.EnrolledUser;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A student in a course's enrollment list. Emails are shown to admins only. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrolledUserView(String userId, @Nullable String name, @Nullable String email, Instant enrolledAt, @Nullable Instant completedAt) {

    public static EnrolledUserView of(EnrolledUser enrolled, boolean showEmail) {
        var p = enrolled.profile();
        var e = enrolled.enrollment();
        return new EnrolledUserView(e.userId(), p == null ? null : p.name(), showEmail && p != null ? p.email() : null,
                e.enrolledAt(), e.completedAt());
    }
}
