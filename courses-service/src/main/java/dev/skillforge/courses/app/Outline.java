package dev.skillforge.courses.app;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.lesson.CourseOutline;

/** A course's ordered lessons (the outline item, never their content) and how much of them the caller may see. */
public record Outline(Course course, CourseOutline lessons, Access access) {

    /** OUTLINE: titles and summaries; CONTENT: lesson bodies and quiz questions; AUTHOR: answer keys too. */
    public enum Access { OUTLINE, CONTENT, AUTHOR }
}
