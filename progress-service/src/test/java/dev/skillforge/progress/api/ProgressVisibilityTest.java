package dev.skillforge.progress.api;

import static dev.skillforge.web.testing.Http.as;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.progress.ProgressRepository;
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
 * Progress routes name a course too: for a draft or an unpublished course they answer another instructor and a learner
 * who is not in it exactly as for a course that does not exist (not "enroll first"), and write nothing; the learner
 * still enrolled in an unpublished course keeps their progress.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ProgressVisibilityTest {

    @Test
    void aDraftAndAnUnpublishedCourseAnswerOthersAsMissing() {
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Secret draft", "One", "Quiz?");
        SeededCourse withdrawn = TestCatalog.published("alice", "Withdrawn", "One", "Quiz?");
        TestCatalog.enroll("kept", withdrawn.id());
        TestCatalog.unpublish(withdrawn);

        for (SeededCourse hidden : new SeededCourse[] { draft, withdrawn }) {
            for (String token : new String[] { TestTokens.instructor("bob"), TestTokens.student("sam") }) {
                routes(token, hidden).forEach((route, request) -> HiddenCourses.assertAnswersAsMissing(route, hidden.id(), request));
            }
        }
        ProgressRepository progress = new ProgressRepository(TestTable.table());
        assertTrue(progress.find("sam", draft.id()).isEmpty() && progress.find("sam", withdrawn.id()).isEmpty(), "nothing written");
        as(TestTokens.student("kept")).put("/progress/{c}/{l}", withdrawn.id(), withdrawn.lessonId(0)).then().statusCode(200);
        as(TestTokens.student("kept")).get("/me/progress/{c}", withdrawn.id()).then().statusCode(200);
    }

    private static Map<String, Function<String, Response>> routes(String token, SeededCourse hidden) {
        Map<String, Function<String, Response>> routes = new LinkedHashMap<>();
        routes.put("PUT /progress/{courseId}/{lessonId}", id -> as(token).put("/progress/{c}/{l}", id, hidden.lessonId(0)));
        routes.put("POST /progress/{courseId}/{lessonId}/quiz", id -> as(token).body(Map.of("answers", Map.of("q1", 1, "q2", 0)))
                .post("/progress/{c}/{l}/quiz", id, hidden.lessonId(1)));
        routes.put("GET /me/progress/{courseId}", id -> as(token).get("/me/progress/{c}", id));
        return routes;
    }
}
