package dev.skillforge.data.progress;

import java.time.Instant;
import java.util.Map;

/**
 * A learner's progress in one course, as one item: whether they are enrolled now, when the course was completed, and
 * a record per lesson touched, by the lesson's key in the course outline (CourseOutline.Entry#key).
 */
public record LearnerProgress(String userId, String courseId, boolean enrolled, Instant enrolledAt, Instant completedAt,
        Instant lastActivityAt, Map<Integer, LessonProgress> lessons) {

    public LessonProgress of(int lessonKey) {
        return lessons.getOrDefault(lessonKey, LessonProgress.NONE);
    }
}
