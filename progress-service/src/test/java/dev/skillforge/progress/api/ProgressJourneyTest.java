package dev.skillforge.progress.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.progress.ProgressRepository;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.Interleave;
import dev.skillforge.web.testing.RouteCheck;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ProgressJourneyTest {

    static final String SAM = TestTokens.student("sam");
    static final Map<String, Object> WRONG = Map.of("answers", Map.of("q1", 0, "q2", 1));
    static final Map<String, Object> RIGHT = Map.of("answers", Map.of("q1", 1, "q2", 0));
    static final Map<String, Object> HALF = Map.of("answers", Map.of("q1", 1, "q2", 1));

    @Test
    void enrolledLearnerCompletesLessonsPassesTheQuizAndCompletesTheCourse() {
        SeededCourse course = TestCatalog.published("alice", "Journey", "Intro", "Check yourself?");
        String intro = course.lessonId(0);
        String quiz = course.lessonId(1);
        TestCatalog.enroll("sam", course.id());

        as(SAM).put("/progress/{c}/{l}", course.id(), intro).then().statusCode(200)
                .body("completedLessons", equalTo(1))
                .body("percentComplete", equalTo(50))
                .body("completedAt", nullValue());
        String firstCompletion = as(SAM).put("/progress/{c}/{l}", course.id(), intro).then().statusCode(200)
                .body("completedLessons", equalTo(1)).extract().path("lessons[0].completedAt");

        as(SAM).body(WRONG).post("/progress/{c}/{l}/quiz", course.id(), quiz).then().statusCode(200)
                .body("score", equalTo(0)).body("passed", equalTo(false)).body("attempts", equalTo(1))
                .body("correctAnswers", equalTo(0)).body("totalQuestions", equalTo(2))
                .body("course.percentComplete", equalTo(50));

        as(SAM).body(RIGHT).post("/progress/{c}/{l}/quiz", course.id(), quiz).then().statusCode(200)
                .body("score", equalTo(100)).body("passed", equalTo(true)).body("attempts", equalTo(2))
                .body("bestScore", equalTo(100)).body("passMark", equalTo(50))
                .body("course.percentComplete", equalTo(100))
                .body("course.completedAt", notNullValue());

        as(SAM).body(HALF).post("/progress/{c}/{l}/quiz", course.id(), quiz).then().statusCode(200)
                .body("score", equalTo(50)).body("attempts", equalTo(3)).body("bestScore", equalTo(100));

        as(SAM).get("/me/progress/{c}", course.id()).then().statusCode(200)
                .body("percentComplete", equalTo(100))
                .body("totalLessons", equalTo(2))
                .body("lastActivityAt", notNullValue())
                .body("lessons[0].completedAt", equalTo(firstCompletion))
                .body("lessons[1].quiz.attempts", equalTo(3))
                .body("lessons[1].quiz.bestScore", equalTo(100))
                .body("lessons[1].quiz.lastScore", equalTo(50))
                .body("lessons[1].quiz.passed", equalTo(true))
                .body(not(containsString("correctOption")));
    }

    @Test
    void aCompletionOnceEarnedSurvivesNewLessonsWhilePercentFollowsTheOutline() {
        SeededCourse course = TestCatalog.published("alice", "Growing", "One");
        TestCatalog.enroll("sam", course.id());
        String completedAt = as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then()
                .body("percentComplete", equalTo(100)).extract().path("completedAt");

        String added = TestCatalog.addLesson(course.course(), "Bonus").lessonId();
        as(SAM).get("/me/progress/{c}", course.id()).then()
                .body("percentComplete", equalTo(50))
                .body("totalLessons", equalTo(2))
                .body("completedAt", equalTo(completedAt));
        as(SAM).put("/progress/{c}/{l}", course.id(), added).then()
                .body("percentComplete", equalTo(100))
                .body("completedAt", equalTo(completedAt));
    }

    @Test
    void removingTheLastUnfinishedLessonCompletesTheCourse() {
        SeededCourse course = TestCatalog.published("alice", "Shrinking", "Done", "Dropped");
        TestCatalog.enroll("sam", course.id());
        as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then().body("percentComplete", equalTo(50));
        LessonRepository lessons = new LessonRepository(TestTable.table());
        lessons.delete(course.id(), course.lessonId(1), 1, lessons.outline(course.id(), true), "alice");
        as(SAM).get("/me/progress/{c}", course.id()).then()
                .body("percentComplete", equalTo(100))
                .body("totalLessons", equalTo(1))
                .body("completedAt", notNullValue());
    }

    @Test
    void learnersWhoAreNotEnrolledAreRefused() {
        SeededCourse course = TestCatalog.published("alice", "Closed", "One", "Quiz?");
        problem(as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then(), 403, "forbidden")
                .body("detail", equalTo("Enroll in this course first."));
        problem(as(SAM).body(RIGHT).post("/progress/{c}/{l}/quiz", course.id(), course.lessonId(1)).then(), 403, "forbidden");
        problem(as(SAM).get("/me/progress/{c}", course.id()).then(), 403, "forbidden");
        TestCatalog.enroll("pat", course.id());
        problem(as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then(), 403, "forbidden");
        problem(as(TestTokens.instructor("alice")).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then(), 403, "forbidden");
    }

    @Test
    void anUnenrollBetweenTheCheckAndTheWriteRecordsNothing() {
        SeededCourse course = TestCatalog.published("alice", "Leaving", "One", "Two");
        TestCatalog.enroll("sam", course.id());
        as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then().statusCode(200);
        EnrollmentRepository enrollments = new EnrollmentRepository(TestTable.table());
        // the outline is read, then the learner's unenroll commits, then the progress write arrives: its condition refuses it
        Interleave.beforeNext("UpdateItem", () -> enrollments.delete("sam", course.id(), "sam"));
        try {
            problem(as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(1)).then(), 403, "forbidden");
        } finally {
            Interleave.clear();
        }
        ProgressRepository progress = new ProgressRepository(TestTable.table());
        assertEquals(java.util.Set.of(1), progress.find("sam", course.id()).orElseThrow().lessons().keySet(), "only the first lesson's record");

        // enrolling again continues where the learner stopped
        TestCatalog.enroll("sam", course.id());
        as(SAM).get("/me/progress/{c}", course.id()).then().body("completedLessons", equalTo(1)).body("completedAt", nullValue());
    }

    @Test
    void progressStoredPerLessonBeforeTheOneItemIsFoldedIntoItOnce() {
        SeededCourse course = TestCatalog.published("alice", "Older", "One", "Quiz?", "Three");
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        TestTable.put(EnrollmentCodec.toItem(new Enrollment("old", course.id(), at, null, "old")));
        TestTable.put(ItemWriter.of(ProgressKeys.legacyLesson("old", course.id(), course.lessonId(0)), ProgressKeys.ENTITY, 1)
                .put("userId", "old").put("courseId", course.id()).put("lessonId", course.lessonId(0))
                .put("completedAt", at).put("lastActivityAt", at).build());
        TestTable.put(ItemWriter.of(ProgressKeys.legacyLesson("old", course.id(), course.lessonId(1)), ProgressKeys.ENTITY, 1)
                .put("userId", "old").put("courseId", course.id()).put("lessonId", course.lessonId(1))
                .put("quizAttempts", 2).put("lastScore", 50).put("bestScore", 100).put("quizPassed", true).put("completedAt", at)
                .put("lastActivityAt", at.plusSeconds(60)).build());
        TestTable.put(ItemWriter.of(ProgressKeys.legacyLesson("old", course.id(), "deleted-lesson"), ProgressKeys.ENTITY, 1)
                .put("userId", "old").put("courseId", course.id()).put("lessonId", "deleted-lesson").put("completedAt", at).build());
        String old = TestTokens.student("old");
        as(old).get("/me/progress/{c}", course.id()).then().statusCode(200)
                .body("completedLessons", equalTo(2))
                .body("lessons[1].quiz.attempts", equalTo(2))
                .body("lessons[1].quiz.bestScore", equalTo(100))
                .body("lessons[1].quiz.passed", equalTo(true))
                .body("lastActivityAt", equalTo("2026-03-01T10:01:00Z"))
                .body("enrolledAt", equalTo("2026-03-01T10:00:00Z"));
        as(old).put("/progress/{c}/{l}", course.id(), course.lessonId(2)).then().statusCode(200)
                .body("percentComplete", equalTo(100)).body("completedAt", notNullValue());
    }

    @Test
    void aDeletedCoursesProgressIsNotFound() {
        SeededCourse course = TestCatalog.published("alice", "Deleted", "One");
        TestCatalog.enroll("sam", course.id());
        new CourseRepository(TestTable.table()).delete(course.id(), 1, "alice");
        // the cascade has not run yet: the enrollment and the progress item are still there, the outline is not
        problem(as(SAM).put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then(), 404, "not-found");
        problem(as(SAM).get("/me/progress/{c}", course.id()).then(), 404, "not-found");
    }

    @Test
    void lessonsMustBelongToTheNamedCourse() {
        SeededCourse mine = TestCatalog.published("alice", "Mine", "One");
        SeededCourse other = TestCatalog.published("alice", "Other", "Theirs?");
        TestCatalog.enroll("sam", mine.id());
        problem(as(SAM).put("/progress/{c}/{l}", mine.id(), other.lessonId(0)).then(), 404, "not-found");
        problem(as(SAM).body(RIGHT).post("/progress/{c}/{l}/quiz", mine.id(), other.lessonId(0)).then(), 404, "not-found");
        problem(as(SAM).put("/progress/{c}/{l}", "no-such-course", mine.lessonId(0)).then(), 404, "not-found");
        problem(as(SAM).put("/progress/{c}/{l}", mine.id(), "lesson#1").then(), 404, "not-found");
        as(SAM).get("/me/progress/{c}", mine.id()).then().body("completedLessons", equalTo(0));
    }

    @Test
    void badQuizPayloadsAreFieldErrorsAndCountNoAttempt() {
        SeededCourse course = TestCatalog.published("alice", "Strict", "Plain", "Quiz?");
        TestCatalog.enroll("sam", course.id());
        String quiz = course.lessonId(1);
        problem(as(SAM).body(Map.of("answers", Map.of("q1", 1))).post("/progress/{c}/{l}/quiz", course.id(), quiz).then(), 400, "validation")
                .body("errors.field", hasItem("answers.q2"));
        problem(as(SAM).body(Map.of("answers", Map.of("q1", 1, "q2", 7))).post("/progress/{c}/{l}/quiz", course.id(), quiz).then(),
                400, "validation").body("errors.field", hasItem("answers.q2"));
        problem(as(SAM).body(Map.of("answers", Map.of("q1", 1, "q2", -1))).post("/progress/{c}/{l}/quiz", course.id(), quiz).then(),
                400, "validation");
        problem(as(SAM).body(Map.of("answers", Map.of("q1", 1, "q2", 0, "q9", 0))).post("/progress/{c}/{l}/quiz", course.id(), quiz).then(),
                400, "validation").body("errors.field", hasItem("answers.q9"));
        problem(as(SAM).body(Map.of("answers", Map.of())).post("/progress/{c}/{l}/quiz", course.id(), quiz).then(), 400, "validation")
                .body("errors.field", hasItem("answers"));
        problem(as(SAM).body("{\"answers\": {\"q1\": \"b\", \"q2\": 0}}").post("/progress/{c}/{l}/quiz", course.id(), quiz).then(),
                400, "validation").body("errors[0].field", equalTo("answers.q1"));
        problem(as(SAM).body("{\"answers\": [1, 0]}").post("/progress/{c}/{l}/quiz", course.id(), quiz).then(), 400, "validation");
        problem(as(SAM).body(Map.of("answers", Map.of("q1", 1, "q2", 0), "score", 100)).post("/progress/{c}/{l}/quiz", course.id(), quiz)
                .then(), 400, "validation").body("errors.field", hasItem("score"));
        problem(as(SAM).body(RIGHT).post("/progress/{c}/{l}/quiz", course.id(), course.lessonId(0)).then(), 409, "invalid-state");
        as(SAM).get("/me/progress/{c}", course.id()).then().body("lessons[1].quiz.attempts", equalTo(0));
    }

    @Test
    void aQuizAttemptRetriedWithItsIdempotencyKeyCountsOnce() {
        SeededCourse course = TestCatalog.published("alice", "Retried quiz", "Intro", "Check yourself?");
        String quiz = course.lessonId(1);
        TestCatalog.enroll("sam", course.id());
        String first = as(SAM).header("Idempotency-Key", "attempt-1").body(WRONG).post("/progress/{c}/{l}/quiz", course.id(), quiz)
                .then().statusCode(200).body("attempts", equalTo(1)).header("Idempotency-Replayed", nullValue()).extract().asString();
        String retry = as(SAM).header("Idempotency-Key", "attempt-1").body(WRONG).post("/progress/{c}/{l}/quiz", course.id(), quiz)
                .then().statusCode(200).header("Idempotency-Replayed", equalTo("true")).extract().asString();
        assertEquals(first, retry);
        as(SAM).get("/me/progress/{c}", course.id()).then().body("lessons[1].quiz.attempts", equalTo(1));
        // A new attempt is a new key.
        as(SAM).header("Idempotency-Key", "attempt-2").body(RIGHT).post("/progress/{c}/{l}/quiz", course.id(), quiz)
                .then().statusCode(200).body("attempts", equalTo(2)).body("passed", equalTo(true));
        problem(as(SAM).header("Idempotency-Key", "attempt-2").body(HALF).post("/progress/{c}/{l}/quiz", course.id(), quiz).then(),
                422, "idempotency-key-reused");
        as(SAM).get("/me/progress/{c}", course.id()).then().body("lessons[1].quiz.attempts", equalTo(2));
    }

    @Test
    void routeTableMatchesTheResources() {
        RouteCheck.assertServes(RouteTable.PROGRESS, ProgressResource.class, MyProgressResource.class);
    }
}
