package dev.skillforge.data.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.aggregate.CourseRankCodec;
import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.data.lesson.QuizQuestion;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes catalog items the way courses-service does (through the same repositories), for tests of the
 * services that read them. Each lesson spec is a title; a title ending in "?" gets a two-question quiz whose
 * right answers are option 1 and option 0, pass mark 50.
 */
public final class TestCatalog {

    /** The processor's default skillforge.top-rated.min-reviews. */
    private static final int MIN_REVIEWS = 3;

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
        return course(UUID.randomUUID().toString(), ownerId, status, title, lessonTitles);
    }

    /** A course with the id given (for tests of lists ordered by course id). */
    public static SeededCourse course(String courseId, String ownerId, CourseStatus status, String title, String... lessonTitles) {
        Instant now = Timestamps.millis(Instant.now());
        Course course = new Course(courseId, ownerId, title, "About " + title, "testing", List.of("test"),
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

    /** Unpublishes a course written by {@link #published} (its version 1) as its owner would: version 2, learners kept. */
    public static SeededCourse unpublish(SeededCourse published) {
        Course course = published.course().withStatus(CourseStatus.UNPUBLISHED, Timestamps.millis(Instant.now()), published.course().ownerId());
        new CourseRepository(TestTable.table()).update(course, published.course().version());
        return new SeededCourse(course, published.lessons());
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
     * Writes a course's aggregate item and its rank item in the stream-processor's format (counters, published flag and
     * average on the aggregate with the list entry it records; the rank item with the top-rated key when ranked), for
     * HTTP tests of services that read them; the processor's own tests prove it writes exactly this.
     */
    public static void stats(String courseId, boolean published, int... ratings) {
        Map<String, AttributeValue> aggregate = aggregate(courseId, published, ratings);
        CourseStats stats = CourseStatsCodec.fromItem(courseId, aggregate);
        aggregate.put(CourseRankCodec.RANKED_AS, AttributeValue.fromS(CourseRankCodec.rankedAs(stats, MIN_REVIEWS)));
        TestTable.put(aggregate);
        rank(courseId, published, ratings);
    }

    /** Writes only a course's rank item (see {@link #stats}). */
    public static void rank(String courseId, boolean published, int... ratings) {
        CourseStats stats = CourseStatsCodec.fromItem(courseId, aggregate(courseId, published, ratings));
        Map<String, AttributeValue> rank = new HashMap<>(CourseRankKeys.primary(courseId).toAttributes());
        rank.put("entity", AttributeValue.fromS(CourseRankKeys.ENTITY));
        rank.put("courseId", AttributeValue.fromS(courseId));
        rank.put(CourseStatsCodec.REVIEW_COUNT, AttributeValue.fromN(Long.toString(stats.reviewCount())));
        rank.put(CourseStatsCodec.AVERAGE, AttributeValue.fromN(Double.toString(stats.average())));
        // Written only when the course's place changes, stamped then (as the processor does).
        rank.put(ItemWriter.UPDATED_AT, AttributeValue.fromS(Timestamps.sortable(Instant.now())));
        CourseRank.listing(stats, MIN_REVIEWS).ifPresent(key -> key.writeTo(rank));
        TestTable.put(rank);
    }

    /**
     * Writes a course's aggregate item as the stream-processor wrote it before rank items: the top-rated key on the
     * aggregate itself when ranked, no rank item. For tests of the way from that layout to rank items.
     */
    public static void legacyStats(String courseId, boolean published, int... ratings) {
        Map<String, AttributeValue> aggregate = aggregate(courseId, published, ratings);
        CourseStats stats = CourseStatsCodec.fromItem(courseId, aggregate);
        CourseRank.listing(stats, MIN_REVIEWS).ifPresent(key -> key.writeTo(aggregate));
        TestTable.put(aggregate);
    }

    private static Map<String, AttributeValue> aggregate(String courseId, boolean published, int... ratings) {
        Map<String, AttributeValue> item = new HashMap<>(CourseStatsKeys.primary(courseId).toAttributes());
        long sum = 0;
        long[] histogram = new long[5];
        for (int r : ratings) {
            sum += r;
            histogram[r - 1]++;
        }
        item.put("entity", AttributeValue.fromS(CourseStatsKeys.ENTITY));
        item.put("courseId", AttributeValue.fromS(courseId));
        item.put(CourseStatsCodec.REVIEW_COUNT, AttributeValue.fromN(Integer.toString(ratings.length)));
        item.put(CourseStatsCodec.RATING_SUM, AttributeValue.fromN(Long.toString(sum)));
        for (int i = 0; i < 5; i++) {
            item.put(CourseStatsCodec.bucket(i + 1), AttributeValue.fromN(Long.toString(histogram[i])));
        }
        item.put(CourseStatsCodec.PUBLISHED, AttributeValue.fromBool(published));
        item.put(CourseStatsCodec.AVERAGE, AttributeValue.fromN(Double.toString(CourseStatsCodec.fromItem(courseId, item).average())));
        return item;
    }

    public static void enroll(String userId, String courseId) {
        enroll(userId, courseId, Timestamps.millis(Instant.now()));
    }

    /** An enrollment made at {@code enrolledAt} (for tests of lists ordered by it). */
    public static void enroll(String userId, String courseId, Instant enrolledAt) {
        if (!new EnrollmentRepository(TestTable.table()).createIfAbsent(new Enrollment(userId, courseId, enrolledAt, null, userId))) {
            throw new IllegalStateException(userId + " is already enrolled in " + courseId);
        }
    }
}
