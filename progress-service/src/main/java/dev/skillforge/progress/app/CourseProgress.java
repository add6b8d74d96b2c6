package dev.skillforge.progress.app;

import java.time.Instant;
import java.util.List;

import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.progress.LessonProgress;

/**
 * A learner's standing in a course, computed against the course's current outline: lessons added later
 * count as not done, lessons removed no longer count. {@code completedAt} is the recorded completion,
 * which once earned is never taken back.
 */
public record CourseProgress(
        String courseId,
        Instant enrolledAt,
        Instant completedAt,
        int totalLessons,
        int completedLessons,
        int percentComplete,
        Instant lastActivityAt,
        List<Entry> lessons) {

    /** One lesson of the outline with the learner's progress on it (null when untouched). */
    public record Entry(CourseOutline.Entry lesson, LessonProgress progress, boolean complete) {
    }
}
