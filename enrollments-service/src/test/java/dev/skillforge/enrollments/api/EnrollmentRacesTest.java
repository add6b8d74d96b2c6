package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.progress.ProgressRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.Interleave;
import dev.skillforge.data.testing.Races;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Enrolling while the course closes: the unpublish or delete is committed exactly between the enroll request's look at
 * the course and its write (Interleave), the interleaving a check-then-write would lose. No enrollment may be left
 * under a course that forbids it, and the learner's progress item stays closed.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class EnrollmentRacesTest {

    static final String SAM = TestTokens.student("sam");

    final CourseRepository courses = new CourseRepository(TestTable.table());
    final EnrollmentRepository enrollments = new EnrollmentRepository(TestTable.table());
    final ProgressRepository progress = new ProgressRepository(TestTable.table());

    @AfterEach
    void disarm() {
        Interleave.clear();
    }

    @Test
    void aCourseUnpublishedBetweenTheCheckAndTheWriteKeepsNoEnrollment() {
        SeededCourse seeded = TestCatalog.published("alice", "Closing", "One");
        Course course = seeded.course();
        Interleave.beforeNext("TransactWriteItems", () -> courses.update(course.withStatus(CourseStatus.UNPUBLISHED, Instant.now(), "alice"), 1));
        problem(as(SAM).post("/enroll/{id}", seeded.id()).then(), 409, "invalid-state");
        assertTrue(enrollments.find("sam", seeded.id()).isEmpty(), "the enrollment written after the unpublish was undone");
        assertFalse(progress.find("sam", seeded.id()).orElseThrow().enrolled(), "and its progress item closed to writes");
    }

    @Test
    void aCourseDeletedBetweenTheCheckAndTheWriteKeepsNoEnrollment() {
        SeededCourse seeded = TestCatalog.published("alice", "Vanishing", "One");
        Interleave.beforeNext("TransactWriteItems", () -> courses.delete(seeded.id(), 1, "alice"));
        problem(as(SAM).post("/enroll/{id}", seeded.id()).then(), 404, "not-found");
        assertTrue(enrollments.find("sam", seeded.id()).isEmpty());
    }

    @Test
    void aCourseUnpublishedAfterTheEnrollmentKeepsItsLearner() {
        SeededCourse seeded = TestCatalog.published("alice", "Kept", "One");
        as(SAM).post("/enroll/{id}", seeded.id()).then().statusCode(201);
        courses.update(seeded.course().withStatus(CourseStatus.UNPUBLISHED, Instant.now(), "alice"), 1);
        assertTrue(enrollments.find("sam", seeded.id()).isPresent(), "enrolled before the unpublish: an unpublished course keeps its learners");
    }

    /**
     * Many learners enroll while the course is unpublished: every enrollment left is one whose request was answered 201
     * and whose write the course's strong read after it still saw open; every refused one left nothing.
     */
    @Test
    void enrollmentsRacingAnUnpublishLeaveOnlyAnsweredEnrollments() throws Exception {
        for (int round = 0; round < 3; round++) {
            SeededCourse seeded = TestCatalog.published("alice", "Racing " + round, "One");
            int learners = 8;
            List<Integer> statuses = Races.atOnce(learners + 1, i -> {
                if (i == learners) {
                    courses.update(seeded.course().withStatus(CourseStatus.UNPUBLISHED, Instant.now(), "alice"), 1);
                    return 0;
                }
                return as(TestTokens.student("racer-" + i)).post("/enroll/{id}", seeded.id()).statusCode();
            });
            for (int i = 0; i < learners; i++) {
                boolean enrolled = enrollments.find("racer-" + i, seeded.id()).isPresent();
                assertEquals(statuses.get(i) == 201, enrolled, "racer-" + i + " answered " + statuses.get(i));
                assertTrue(statuses.get(i) == 201 || statuses.get(i) == 409, "racer-" + i + " answered " + statuses.get(i));
            }
        }
    }
}
