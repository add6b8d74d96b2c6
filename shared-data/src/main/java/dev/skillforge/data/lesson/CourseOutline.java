package dev.skillforge.data.lesson;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A course's ordered lessons as one small item: what the outline, progress and quizzes need to know about every
 * lesson (never its content), so they read one item instead of every lesson. Reordering is one versioned write of it.
 * {@code version} 0: no outline item is stored yet (a course without lessons).
 */
public record CourseOutline(String courseId, List<Entry> lessons, long version, Instant updatedAt, String updatedBy) {

    /**
     * One lesson in the outline; {@code passMark} is null when the lesson has no quiz. {@code summary} is not stored in the
     * outline item (null when read from it): it is the lesson's. {@code key} is the lesson's short number within its
     * course (1, 2, ...), assigned when it is added and kept through edits and reorders: a learner's progress item
     * records lessons under it, a few bytes instead of a 36-character id per lesson. Keys come from a per-course counter
     * and are never reused, so a learner's record under a deleted lesson's key never counts for a lesson added later.
     * 0: not assigned yet (an outline stored before keys existed).
     */
    public record Entry(String lessonId, int key, String title, String summary, Integer durationMinutes, Integer passMark, long version) {

        public boolean hasQuiz() {
            return passMark != null;
        }

        public static Entry of(Lesson lesson, int key) {
            return new Entry(lesson.lessonId(), key, lesson.title(), lesson.summary(), lesson.durationMinutes(),
                    lesson.quiz() == null ? null : lesson.quiz().passMark(), lesson.version());
        }

        public Entry withKey(int newKey) {
            return new Entry(lessonId, newKey, title, summary, durationMinutes, passMark, version);
        }
    }

    public static CourseOutline empty(String courseId) {
        return new CourseOutline(courseId, List.of(), 0, null, null);
    }

    public boolean stored() {
        return version > 0;
    }

    /** Whether every lesson has its key (an outline stored before keys existed gets them once, see LessonRepository). */
    public boolean keyed() {
        return lessons.stream().allMatch(entry -> entry.key() > 0);
    }

    /** The zero-based position of a lesson in the outline, or -1. */
    public int indexOf(String lessonId) {
        for (int i = 0; i < lessons.size(); i++) {
            if (lessons.get(i).lessonId().equals(lessonId)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Entry> find(String lessonId) {
        int index = indexOf(lessonId);
        return index < 0 ? Optional.empty() : Optional.of(lessons.get(index));
    }
}
