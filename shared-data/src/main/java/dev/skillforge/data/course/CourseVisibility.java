package dev.skillforge.data.course;

import java.util.function.BooleanSupplier;

import dev.skillforge.data.problem.NotFound;

/**
 * Who may see a course: the one rule behind every route that names one (the course, its lessons, reviews and rating,
 * enrolling, enrollments, progress, assets). A published course is everyone's; a draft its owner's and admins'; an
 * unpublished course also stays open to the learners enrolled in it. A course the caller may not see answers exactly
 * as one that does not exist, {@link #notFound()}, so no answer tells whether it exists.
 */
public final class CourseVisibility {

    private CourseVisibility() {
    }

    /**
     * @param userId the caller, null for a visitor without a token
     * @param enrolled asked only for an unpublished course and a signed-in caller who is neither its owner nor an admin
     */
    public static boolean visible(Course course, String userId, boolean admin, BooleanSupplier enrolled) {
        if (course.isPublished() || admin || (userId != null && userId.equals(course.ownerId()))) {
            return true;
        }
        return userId != null && course.status() == CourseStatus.UNPUBLISHED && enrolled.getAsBoolean();
    }

    /** The answer for a course that does not exist, or that the caller may not see: the same words for both. */
    public static NotFound notFound() {
        return new NotFound("No course with this id.");
    }
}
