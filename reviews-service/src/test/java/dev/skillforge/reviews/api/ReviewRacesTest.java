package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.Interleave;
import dev.skillforge.data.testing.Races;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Reviewing while unenrolling: a review never lands after its author's enrollment is gone, whatever the interleaving. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ReviewRacesTest {

    final EnrollmentRepository enrollments = new EnrollmentRepository(TestTable.table());
    final ReviewRepository reviews = new ReviewRepository(TestTable.table());

    static Map<String, Object> review() {
        return Map.of("rating", 4, "title", "Racing", "text", "Written as I left.");
    }

    @AfterEach
    void disarm() {
        Interleave.clear();
    }

    @Test
    void anUnenrollBetweenTheCheckAndTheWriteLeavesNoReview() {
        SeededCourse course = TestCatalog.published("alice", "Left", "One");
        TestCatalog.enroll("sam", course.id());
        // the service has seen the enrollment; the learner's unenroll commits before the review's write
        Interleave.beforeNext("TransactWriteItems", () -> enrollments.delete("sam", course.id(), "sam"));
        problem(as(TestTokens.student("sam")).body(review()).post("/reviews/{c}", course.id()).then(), 403, "forbidden");
        assertTrue(reviews.find(course.id(), "sam").isEmpty());
    }

    @Test
    void reviewsRacingTheirAuthorsUnenrollsLandOnlyWhileEnrolled() throws Exception {
        SeededCourse course = TestCatalog.published("alice", "Raced", "One");
        int learners = 6;
        for (int i = 0; i < learners; i++) {
            TestCatalog.enroll("author-" + i, course.id());
        }
        List<Integer> statuses = Races.atOnce(2 * learners, i -> {
            if (i % 2 == 1) {
                enrollments.delete("author-" + i / 2, course.id(), "author-" + i / 2);
                return 0;
            }
            return as(TestTokens.student("author-" + i / 2)).body(review()).post("/reviews/{c}", course.id()).statusCode();
        });
        for (int i = 0; i < learners; i++) {
            int status = statuses.get(2 * i);
            assertTrue(status == 201 || status == 403, "author-" + i + " answered " + status);
            assertEquals(status == 201, reviews.find(course.id(), "author-" + i).isPresent(), "author-" + i + " answered " + status);
        }
    }
}
