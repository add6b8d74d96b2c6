package dev.skillforge.reviews.app;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.course.Course;

/** A course in the top-rated list with its rank (average and review count). */
public record RatedCourse(Course course, CourseRank rank) {
}
