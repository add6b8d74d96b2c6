package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.HiddenCourses;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every enrollments-service route that names a course answers another instructor and a learner who is not in it, for a
 * draft and for an unpublished course, exactly as for a course that does not exist, and changes nothing.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class EnrollmentVisibilityTest {

    @Test
    void aDraftAndAnUnpublishedCourseAnswerOthersAsMissing() {
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Secret draft", "One");
        SeededCourse withdrawn = TestCatalog.published("alice", "Withdrawn", "One");
        TestCatalog.enroll("kept", withdrawn.id());
        TestCatalog.unpublish(withdrawn);
        for (SeededCourse hidden : new SeededCourse[] { draft, withdrawn }) {
            for (String token : new String[] { TestTokens.instructor("bob"), TestTokens.student("sam") }) {
                for (Map.Entry<String, Function<String, Response>> route : routes(token).entrySet()) {
                    HiddenCourses.assertAnswersAsMissing(route.getKey(), hidden.id(), route.getValue());
                }
            }
        }
        EnrollmentRepository enrollments = new EnrollmentRepository(TestTable.table());
        assertTrue(enrollments.find("kept", withdrawn.id()).isPresent(), "its learner is still in it");
        assertTrue(enrollments.find("sam", withdrawn.id()).isEmpty() && enrollments.find("sam", draft.id()).isEmpty());
        // the learner still in it sees it: a second enroll is refused as closed, not hidden
        problem(as(TestTokens.student("kept")).post("/enroll/{id}", withdrawn.id()).then(), 409, "invalid-state");
    }

    private static Map<String, Function<String, Response>> routes(String token) {
        Map<String, Function<String, Response>> routes = new LinkedHashMap<>();
        routes.put("POST /enroll/{courseId}", id -> as(token).post("/enroll/{id}", id));
        routes.put("DELETE /enroll/{courseId}", id -> as(token).delete("/enroll/{id}", id));
        routes.put("GET /courses/{courseId}/enrollments", id -> as(token).get("/courses/{courseId}/enrollments", id));
        routes.put("DELETE /courses/{courseId}/enrollments/{userId}", id -> as(token).delete("/courses/{c}/enrollments/{u}", id, "kept"));
        return routes;
    }
}
