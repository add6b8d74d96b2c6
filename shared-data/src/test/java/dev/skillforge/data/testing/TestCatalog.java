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
        dev.skillforge.data.lesson.CourseOutline outline = lessons.outline(course.courseId(), true);
        int position = outline.lessons().size() + 1;
        Quiz quiz = title.endsWith("?")
                ? new Quiz(50, List.of(new QuizQuestion("q1", "First?", List.of("a", "b"), 1),
                        new QuizQuestion("q2", "Second?", List.of("c", "d", "e"), 0)))
                : null;
        Instant now = Timestamps.millis(Instant.now());
        Lesson lesson = new Lesson(course.courseId(), UUID.randomUUID().toString(), position, title, "Summary", "Body of " + title,
                null, 5, quiz, 1, now, now, course.ownerId());
        lessons.add(lesson, outline, 200, course.ownerId());
        return lesson;
    }

    /**
     * Writes a course's aggregate item in the stream-processor's format (counters, published flag, average and the
     * top-rated key when ranked), for HTTP tests of services that read it; the processor's own tests prove it
     * writes exactly this.
     */
    public static void stats(String courseId, boolean published, int... ratings) {
        java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item = new java.util.HashMap<>(
                dev.skillforge.data.aggregate.CourseStatsKeys.primary(courseId).toAttributes());
        long sum = 0;
        long[] histogram = new long[5];
        for (int r : ratings) {
            sum += r;
            histogram[r - 1]++;
        }
        item.put("entity", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(dev.skillforge.data.aggregate.CourseStatsKeys.ENTITY));
        item.put("courseId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(courseId));
        item.put("reviewCount", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Integer.toString(ratings.length)));
        item.put("ratingSum", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(sum)));
        for (int i = 0; i < 5; i++) {
            item.put("rating" + (i + 1), software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(histogram[i])));
        }
        item.put("published", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(published));
        dev.skillforge.data.aggregate.CourseStats stats = dev.skillforge.data.aggregate.CourseStatsCodec.fromItem(courseId, item);
        item.put("average", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Double.toString(stats.average())));
        if (published && ratings.length >= 3) {
            dev.skillforge.data.aggregate.CourseStatsKeys.topRated(stats.averageMillis(), ratings.length, courseId).writeTo(item);
        }
        TestTable.put(item);
    }

    public static void enroll(String userId, String courseId) {
        if (!new EnrollmentRepository(TestTable.table()).createIfAbsent(new Enrollment(userId, courseId, Timestamps.millis(Instant.now()), null, userId))) {
            throw new IllegalStateException(userId + " is already enrolled in " + courseId);
        }
    }
}
