package dev.skillforge.enrollments.app;

/** The outcome of enrolling: the enrollment with its course, and whether this request made it (201) or found it (200). */
public record Enrolled(EnrolledCourse enrollment, boolean created) {
}
