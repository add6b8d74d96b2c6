package dev.skillforge.enrollments.app;

import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.user.UserProfile;

/** An enrollment with the enrolled user's profile (null if they never created one). */
public record EnrolledUser(Enrollment enrollment, UserProfile profile) {
}
