package dev.skillforge.reviews.app;

import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.course.Course;

/** A course in the top-rated list with its aggregates. */
public record RatedCourse(Course course, CourseStats stats) {
}
