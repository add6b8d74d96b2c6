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
import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a progress request needs to know: the course and the caller's enrollment, read strongly in one BatchGetItem (a
 * learner who enrolled a moment ago must not be told to enroll first), and the course's outline, one small item read
 * eventually consistent (half the units; lesson content is never read here). Course or enrollment may be null.
 */
record LearnerContext(Course course, Enrollment enrollment, CourseOutline outline) {

    static LearnerContext load(SkillForgeTable table, LessonRepository lessons, String userId, String courseId) {
        Course course = null;
        Enrollment enrollment = null;
        for (Map<String, AttributeValue> item : table.batchGetConsistent(List.of(CourseKeys.primary(courseId),
                EnrollmentKeys.primary(userId, courseId)))) {
            switch (item.get(ItemWriter.ENTITY).s()) {
                case CourseKeys.ENTITY -> course = CourseCodec.fromItem(item);
                case EnrollmentKeys.ENTITY -> enrollment = EnrollmentCodec.fromItem(item);
                default -> {
                }
            }
        }
        CourseOutline outline = course == null || enrollment == null ? null : lessons.outline(courseId, false);
        return new LearnerContext(course, enrollment, outline);
    }

    /**
     * The named lesson's outline entry. An entry missing from the eventually consistent outline is looked up once more
     * in a strong read, so a lesson added a moment ago is found by its first learner.
     */
    LearnerContext withLesson(LessonRepository lessons, String lessonId) {
        if (outline.indexOf(lessonId) >= 0) {
            return this;
        }
        return new LearnerContext(course, enrollment, lessons.outline(course.courseId(), true));
    }
}
