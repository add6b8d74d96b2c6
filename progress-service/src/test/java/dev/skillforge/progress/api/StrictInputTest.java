package dev.skillforge.progress.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.testing.BodyContract;
import dev.skillforge.web.testing.BodyContract.Route;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The strict request contract on a quiz attempt (docs/problems.md): refused, named, and no attempt counted. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class StrictInputTest {

    static final String SAM = TestTokens.student("sam");

    static Route attempt(SeededCourse course) {
        return new Route("POST", "/progress/" + course.id() + "/" + course.lessonId(0) + "/quiz", SAM,
                Map.of("answers", Map.of("q1", 1, "q2", 0)));
    }

    static SeededCourse quizCourse() {
        SeededCourse course = TestCatalog.published("alice", "Quizzed", "Check yourself?");
        TestCatalog.enroll("sam", course.id());
        return course;
    }

    @Test
    void aQuizAttemptRefusesBodiesThatAreNotOneJsonObjectInUtf8() {
        BodyContract.refusesBadBodies(attempt(quizCourse()));
    }

    @Test
    void answersAreWholeNumbersNamedByTheirQuestion() {
        Route attempt = attempt(quizCourse());
        BodyContract.refusesWrongTypes(attempt);
        for (String answer : List.of("\"1\"", "1.5", "1.0", "true", "[1]", "{}", "\"\"")) {
            BodyContract.refusedWith(attempt, "{\"answers\":{\"q1\":" + answer + "}}", "answers.q1", "must be a whole number");
        }
        BodyContract.refusedWith(attempt, "{\"answers\":{\"q1\":1,\"q1\":0}}", "answers.q1", "appears more than once");
        BodyContract.refusedWith(attempt, "{\"answers\":{\"q1\":null}}", "answers.q1", "must not be null");
    }

    @Test
    void documentedLimitsAreCheckedAtTheEdge() {
        SeededCourse course = quizCourse();
        Route attempt = attempt(course);
        String before = BodyContract.tableSnapshot();
        Map<String, Integer> tooMany = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("q" + i, 0);
        }
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("answers", Map.of()), Map.of("answers", tooMany),
                Map.of("answers", Map.of("q".repeat(21), 0)), Map.of("answers", Map.of("\u200B\u200B", 0)), Map.of("answers", Map.of(" ", 0)))) {
            problem(as(SAM).body(body).post(attempt.path()).then(), 400, "validation").body("errors.field", hasItem("answers"));
        }
        // a lesson's completion takes no body: one that is not JSON is refused all the same
        problem(given().header("Authorization", TestTokens.bearer(SAM)).contentType("text/plain").body("done")
                .put("/progress/{c}/{l}", course.id(), course.lessonId(0)).then(), 415, "unsupported-media-type");
        assertEquals(before, BodyContract.tableSnapshot());
        as(SAM).body(attempt.validBody()).post(attempt.path()).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(SAM)).noContentType().put("/progress/{c}/{l}", course.id(), course.lessonId(0))
                .then().statusCode(200);
    }
}
