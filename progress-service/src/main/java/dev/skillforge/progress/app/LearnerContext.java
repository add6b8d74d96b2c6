package dev.skillforge.progress.app;

import java.util.List;
import java.util.Map;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseCodec;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonCodec;
import dev.skillforge.data.lesson.LessonKeys;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a progress request needs to know, read in one BatchGetItem: the course, the caller's enrollment and
 * (when named) the lesson. Any of them may be null when absent. Strongly consistent: a learner who enrolled a moment
 * ago must not be told to enroll first, nor an instructor's new lesson be missing to its first learner.
 */
record LearnerContext(Course course, Enrollment enrollment, Lesson lesson) {

    static LearnerContext load(SkillForgeTable table, String userId, String courseId, String lessonId) {
        List<Key> keys = lessonId == null
                ? List.of(CourseKeys.primary(courseId), EnrollmentKeys.primary(userId, courseId))
                : List.of(CourseKeys.primary(courseId), EnrollmentKeys.primary(userId, courseId), LessonKeys.primary(courseId, lessonId));
        Course course = null;
        Enrollment enrollment = null;
        Lesson lesson = null;
        for (Map<String, AttributeValue> item : table.batchGetConsistent(keys)) {
            switch (item.get(ItemWriter.ENTITY).s()) {
                case CourseKeys.ENTITY -> course = CourseCodec.fromItem(item);
                case EnrollmentKeys.ENTITY -> enrollment = EnrollmentCodec.fromItem(item);
                case LessonKeys.ENTITY -> lesson = LessonCodec.fromItem(item);
                default -> {
                }
            }
        }
        return new LearnerContext(course, enrollment, lesson);
    }
}
