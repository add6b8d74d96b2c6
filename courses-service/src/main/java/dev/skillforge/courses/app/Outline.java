package dev.skillforge.courses.app;

import java.util.List;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.lesson.Lesson;

/** A course's ordered lessons and how much of them the caller may see. */
public record Outline(Course course, List<Lesson> lessons, Access access) {

    /** OUTLINE: titles and summaries; CONTENT: lesson bodies and quiz questions; AUTHOR: answer keys too. */
    public enum Access { OUTLINE, CONTENT, AUTHOR }
}
