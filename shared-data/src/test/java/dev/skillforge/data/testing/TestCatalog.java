package dev.skillforge.data.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.data.lesson.QuizQuestion;

/**
 * Writes catalog items the way courses-service does (through the same repositories), for tests of the
 * services that read them. Each lesson spec is a title; a title ending in "?" gets a two-question quiz whose
 * right answers are option 1 and option 0, pass mark 50.
 */
public final class TestCatalog {

    private TestCatalog() {
    }

    public record SeededCourse(Course course, List<Lesson> lessons) {
        public String id() {
            return course.courseId();
        }

        public String lessonId(int index) {
            return lessons.get(index).lessonId();
        }
    }

    public static SeededCourse course(String ownerId, CourseStatus status, String title, String... lessonTitles) {
        Instant now = Timestamps.millis(Instant.now());
        Course course = new Course(UUID.randomUUID().toString(), ownerId, title, "About " + title, "testing", List.of("test"),
                "beginner", status == CourseStatus.DRAFT ? null : "courses/x/cover/c.png", status, 1, now, now, ownerId,
                status == CourseStatus.DRAFT ? null : now);
        new CourseRepository(TestTable.table()).create(course);
        List<Lesson> lessons = new ArrayList<>();
        for (String lessonTitle : lessonTitles) {
            lessons.add(addLesson(course, lessonTitle));
        }
        return new SeededCourse(course, lessons);
    }

    public static SeededCourse published(String ownerId, String title, String... lessonTitles) {
        return course(ownerId, CourseStatus.PUBLISHED, title, lessonTitles);
    }

    public static Lesson addLesson(Course course, String title) {
        LessonRepository lessons = new LessonRepository(TestTable.table());
        int position = lessons.outline(course.courseId()).size() + 1;
        Quiz quiz = title.endsWith("?")
                ? new Quiz(50, List.of(new QuizQuestion("q1", "First?", List.of("a", "b"), 1),
                        new QuizQuestion("q2", "Second?", List.of("c", "d", "e"), 0)))
                : null;
        Instant now = Timestamps.millis(Instant.now());
        Lesson lesson = new Lesson(course.courseId(), UUID.randomUUID().toString(), position, title, "Summary", "Body of " + title,
                null, 5, quiz, 1, now, now, course.ownerId());
        lessons.create(lesson);
        return lesson;
    }

    public static void enroll(String userId, String courseId) {
        new EnrollmentRepository(TestTable.table()).create(new Enrollment(userId, courseId, Timestamps.millis(Instant.now()), null, userId));
    }
}
