package dev.skillforge.data.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.testing.TestEngine;
import dev.skillforge.data.testing.Races;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lessons and the outline item against the real engine, with its transactions: the rules that span a lesson, its
 * outline and its course hold when requests race (each racer read the outline before any of them wrote).
 */
class LessonRepositoryTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static TestEngine engine;
    static DynamoDbClient client;
    static LessonRepository lessons;
    static CourseRepository courses;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
        client = engine.client();
        lessons = new LessonRepository(engine.table());
        courses = new CourseRepository(engine.table());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    static Course course(CourseStatus status) {
        Course course = new Course(UUID.randomUUID().toString(), "owner", "Course", null, "data", List.of(), "beginner", null, status, 1,
                T, T, "owner", status == CourseStatus.PUBLISHED ? T : null);
        courses.create(course);
        return course;
    }

    static Lesson lesson(String courseId, String title) {
        return new Lesson(courseId, UUID.randomUUID().toString(), 0, title, null, "Body of " + title, null, null, null, 1, T, T, "owner");
    }

    static Lesson added(String courseId, String title) {
        Lesson lesson = lesson(courseId, title);
        lessons.add(lesson, lessons.outline(courseId, true), 200, "owner");
        return lesson;
    }

    @Test
    void racingAddsNeverPassTheCap() throws Exception {
        Course course = course(CourseStatus.DRAFT);
        for (int i = 0; i < 3; i++) {
            added(course.courseId(), "Lesson " + i);
        }
        CourseOutline readByAll = lessons.outline(course.courseId(), true);
        List<Boolean> added = Races.atOnce(6, i -> {
            try {
                lessons.add(lesson(course.courseId(), "Racer " + i), readByAll, 5, "owner");
                return true;
            } catch (LessonRepository.Refused refused) {
                assertEquals(LessonRepository.Refusal.COURSE_RULE, refused.refusal());
                return false;
            }
        });
        assertEquals(2, added.stream().filter(Boolean::booleanValue).count(), "added: " + added);
        assertEquals(5, lessons.outline(course.courseId(), true).lessons().size());
        int items = client.query(b -> b.tableName(TestTable.NAME).keyConditionExpression("PK = :pk").consistentRead(true)
                .expressionAttributeValues(java.util.Map.of(":pk", AttributeValue.fromS("course#" + course.courseId())))).count();
        assertEquals(5 + 3, items, "five lesson items besides the course, its outline and its lesson-key counter");
        assertEquals(5, lessons.outline(course.courseId(), true).lessons().stream().map(CourseOutline.Entry::key).distinct().count(),
                "every lesson has its own key, however many were added at once");
    }

    @Test
    void racingDeletesNeverEmptyAPublishedCourse() throws Exception {
        for (int round = 0; round < 5; round++) {
            Course course = course(CourseStatus.PUBLISHED);
            Lesson first = added(course.courseId(), "First");
            Lesson second = added(course.courseId(), "Second");
            CourseOutline readByBoth = lessons.outline(course.courseId(), true);
            List<Lesson> targets = List.of(first, second);
            List<Boolean> deleted = Races.atOnce(2, i -> {
                try {
                    lessons.delete(course.courseId(), targets.get(i).lessonId(), 1, readByBoth, "owner");
                    return true;
                } catch (LessonRepository.Refused refused) {
                    return false;
                }
            });
            assertEquals(1, deleted.stream().filter(Boolean::booleanValue).count(), "deleted: " + deleted);
            assertEquals(1, lessons.outline(course.courseId(), true).lessons().size());
        }
    }

    @Test
    void aLastLessonDeletedWhilePublishingNeverLeavesAPublishedCourseEmpty() throws Exception {
        for (int round = 0; round < 8; round++) {
            Course draft = course(CourseStatus.DRAFT);
            Lesson only = added(draft.courseId(), "Only");
            CourseOutline outline = lessons.outline(draft.courseId(), true);
            Course publishing = draft.withStatus(CourseStatus.PUBLISHED, T, "owner");
            List<Boolean> won = Races.atOnce(2, i -> {
                try {
                    if (i == 0) {
                        courses.publish(publishing, 1);
                    } else {
                        lessons.delete(draft.courseId(), only.lessonId(), 1, outline, "owner");
                    }
                    return true;
                } catch (Conflict | LessonRepository.Refused refused) {
                    return false;
                }
            });
            Course after = courses.find(draft.courseId()).orElseThrow();
            int left = lessons.outline(draft.courseId(), true).lessons().size();
            assertTrue(!after.isPublished() || left == 1, "published with " + left + " lessons, outcomes " + won);
            assertEquals(1, won.stream().filter(Boolean::booleanValue).count(), "exactly one wins: " + won);
        }
    }

    @Test
    void publishingAnEmptyCourseIsRefusedInTheSameTransaction() {
        Course draft = course(CourseStatus.DRAFT);
        Lesson only = added(draft.courseId(), "Only");
        lessons.delete(draft.courseId(), only.lessonId(), 1, lessons.outline(draft.courseId(), true), "owner");
        assertThrows(Conflict.class, () -> courses.publish(draft.withStatus(CourseStatus.PUBLISHED, T, "owner"), 1));
        assertEquals(CourseStatus.DRAFT, courses.find(draft.courseId()).orElseThrow().status());
    }

    @Test
    void aReorderIsOneWriteAndRefusesAStaleOutline() {
        Course course = course(CourseStatus.DRAFT);
        Lesson a = added(course.courseId(), "A");
        Lesson b = added(course.courseId(), "B");
        CourseOutline read = lessons.outline(course.courseId(), true);
        CourseOutline reordered = lessons.reorder(read, List.of(read.lessons().get(1), read.lessons().get(0)), T, "owner");
        assertEquals(List.of(b.lessonId(), a.lessonId()),
                lessons.outline(course.courseId(), true).lessons().stream().map(CourseOutline.Entry::lessonId).toList());
        assertEquals(read.version() + 1, reordered.version());
        assertEquals(1, lessons.find(course.courseId(), a.lessonId()).orElseThrow().version(), "the lessons are not written");
        LessonRepository.Refused stale = assertThrows(LessonRepository.Refused.class, () -> lessons.reorder(read, read.lessons(), T, "owner"));
        assertEquals(LessonRepository.Refusal.OUTLINE, stale.refusal());
    }

    @Test
    void anEditRefusesAnOutlineThatMovedAndAStaleLesson() {
        Course course = course(CourseStatus.DRAFT);
        Lesson a = added(course.courseId(), "A");
        added(course.courseId(), "B");
        CourseOutline before = lessons.outline(course.courseId(), true);
        lessons.reorder(before, List.of(before.lessons().get(1), before.lessons().get(0)), T, "owner");
        Lesson edited = a.edited("A, renamed", null, "Body", null, null, null, T, "owner");
        LessonRepository.Refused moved = assertThrows(LessonRepository.Refused.class, () -> lessons.update(edited, 1, before));
        assertEquals(LessonRepository.Refusal.OUTLINE, moved.refusal());
        lessons.update(edited, 1, lessons.outline(course.courseId(), true));
        CourseOutline after = lessons.outline(course.courseId(), true);
        assertEquals("A, renamed", after.lessons().get(1).title());
        assertEquals(2, after.lessons().get(1).version());
        LessonRepository.Refused stale = assertThrows(LessonRepository.Refused.class, () -> lessons.update(edited, 1, after));
        assertEquals(LessonRepository.Refusal.LESSON, stale.refusal());
    }

    @Test
    void lessonsStoredBeforeOutlinesGetTheirOutlineBuiltOnce() {
        Course course = course(CourseStatus.DRAFT);
        for (int position : new int[] { 2, 1 }) {
            Lesson legacy = new Lesson(course.courseId(), "legacy-" + position, position, "Legacy " + position, null, "Body", null, null,
                    null, 1, T, T, "owner");
            java.util.Map<String, AttributeValue> item = new java.util.HashMap<>(LessonCodec.toItem(legacy));
            item.put("position", AttributeValue.fromN(Integer.toString(position)));
            client.putItem(b -> b.tableName(TestTable.NAME).item(item));
        }
        CourseOutline built = lessons.outline(course.courseId(), false);
        assertEquals(List.of("legacy-1", "legacy-2"), built.lessons().stream().map(CourseOutline.Entry::lessonId).toList());
        assertEquals(List.of(1, 2), built.lessons().stream().map(CourseOutline.Entry::key).toList());
        assertTrue(client.getItem(b -> b.tableName(TestTable.NAME).key(LessonKeys.outline(course.courseId()).toAttributes())
                .consistentRead(true)).hasItem(), "the outline item was written");
        assertEquals("courseOutline", client.getItem(b -> b.tableName(TestTable.NAME)
                .key(LessonKeys.outline(course.courseId()).toAttributes()).consistentRead(true)).item().get(ItemWriter.ENTITY).s());
    }

    @Test
    void lessonKeysAreNeverReusedAndOutlinesStoredWithoutThemGetThemOnce() {
        Course course = course(CourseStatus.DRAFT);
        Lesson first = added(course.courseId(), "First");
        added(course.courseId(), "Second");
        CourseOutline two = lessons.outline(course.courseId(), true);
        lessons.delete(course.courseId(), first.lessonId(), first.version(), two, "owner");
        added(course.courseId(), "Third");
        assertEquals(List.of(2, 3), lessons.outline(course.courseId(), true).lessons().stream().map(CourseOutline.Entry::key).toList(),
                "the deleted lesson's key 1 is not handed out again: a learner's record under it never counts for the new lesson");

        // an outline written before keys existed (schema 1: ids as text, no k in its entries) gets keys at its first read,
        // its version kept; a second reader of the same stale outline cannot hand out other keys; its lessons stay editable
        Course older = course(CourseStatus.DRAFT);
        Lesson a = lesson(older.courseId(), "A");
        Lesson b = lesson(older.courseId(), "B");
        for (Lesson lesson : List.of(a, b)) {
            client.putItem(p -> p.tableName(TestTable.NAME).item(LessonCodec.toItem(lesson)));
        }
        java.util.Map<String, AttributeValue> schemaOne = new java.util.HashMap<>(OutlineCodec.toItem(
                new CourseOutline(older.courseId(), List.of(CourseOutline.Entry.of(a, 0), CourseOutline.Entry.of(b, 0)), 4, T, "owner")));
        schemaOne.put("lessons", AttributeValue.fromL(schemaOne.get("lessons").l().stream().map(entry -> {
            java.util.Map<String, AttributeValue> textId = new java.util.HashMap<>(entry.m());
            textId.put("id", AttributeValue.fromS(textId.get("t").s().equals("A") ? a.lessonId() : b.lessonId()));
            return AttributeValue.fromM(textId);
        }).toList()));
        client.putItem(p -> p.tableName(TestTable.NAME).item(schemaOne));
        CourseOutline keyed = lessons.outline(older.courseId(), false);
        assertEquals(List.of(1, 2), keyed.lessons().stream().map(CourseOutline.Entry::key).toList());
        assertEquals(4, keyed.version());
        assertEquals(keyed, lessons.outline(older.courseId(), true), "stored, not only answered");
        Lesson renamed = new Lesson(a.courseId(), a.lessonId(), 1, "A renamed", null, "Body", null, null, null, 2, T, T, "owner");
        lessons.update(renamed, 1, keyed);
        assertEquals("A renamed", lessons.outline(older.courseId(), true).lessons().get(0).title());
        lessons.delete(older.courseId(), b.lessonId(), 1, lessons.outline(older.courseId(), true), "owner");
        assertEquals(List.of(1), lessons.outline(older.courseId(), true).lessons().stream().map(CourseOutline.Entry::key).toList());
    }

    @Test
    void twoFirstReadersOfAnUnkeyedOutlineAgreeOnItsKeys() throws Exception {
        Course course = course(CourseStatus.DRAFT);
        Lesson a = lesson(course.courseId(), "A");
        client.putItem(p -> p.tableName(TestTable.NAME).item(LessonCodec.toItem(a)));
        client.putItem(p -> p.tableName(TestTable.NAME).item(OutlineCodec.toItem(
                new CourseOutline(course.courseId(), List.of(CourseOutline.Entry.of(a, 0)), 1, T, "owner"))));
        List<Integer> seen = Races.atOnce(4, i -> lessons.outline(course.courseId(), i % 2 == 0).lessons().get(0).key());
        assertEquals(1, seen.stream().distinct().count(), "every reader got the one stored key: " + seen);
        assertEquals(seen.get(0), lessons.outline(course.courseId(), true).lessons().get(0).key());
    }

    @Test
    void aLessonThatWouldNotFitItsItemIsRefusedBeforeAnyWrite() {
        Course course = course(CourseStatus.DRAFT);
        List<QuizQuestion> questions = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            questions.add(new QuizQuestion("q" + i, "\u6f22".repeat(1000), java.util.Collections.nCopies(6, "\u6f22".repeat(300)), 0));
        }
        Lesson heavy = new Lesson(course.courseId(), "heavy", 0, "Heavy", null, "c".repeat(200_000), null, null, new Quiz(50, questions), 1,
                T, T, "owner");
        dev.skillforge.data.problem.TooLarge refused = assertThrows(dev.skillforge.data.problem.TooLarge.class,
                () -> lessons.add(heavy, lessons.outline(course.courseId(), true), 200, "owner"));
        assertEquals(413, refused.status());
        assertEquals(0, lessons.outline(course.courseId(), true).lessons().size());
        assertTrue(lessons.find(course.courseId(), "heavy").isEmpty());
    }
}
