package dev.skillforge.enrollments.app;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.enrollment.Enrollment;

/** An enrollment with the course it points at. */
public record EnrolledCourse(Enrollment enrollment, Course course) {
}
