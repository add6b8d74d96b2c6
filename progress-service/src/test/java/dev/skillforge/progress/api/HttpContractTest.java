package dev.skillforge.progress.api;

import static dev.skillforge.web.testing.HttpContract.assertEveryGetCovered;
import static dev.skillforge.web.testing.HttpContract.assertHeadMatchesGet;
import static dev.skillforge.web.testing.HttpContract.assertMethodNotAllowed;
import static dev.skillforge.web.testing.HttpContract.assertUnknownPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The standard HTTP contract on progress-service's routes: HEAD, 405 with Allow, 404 for unknown paths. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class HttpContractTest {

    static final String SAM = TestTokens.student("sam");

    @Test
    void headAnswersWhatGetAnswersWithTheSameAuth() {
        SeededCourse course = TestCatalog.published("alice", "Heads", "One");
        TestCatalog.enroll("sam", course.id());
        Map<String, String> paths = Map.of("GET /me/progress/{courseId}", "/me/progress/" + course.id());
        assertEveryGetCovered(RouteTable.PROGRESS, paths.keySet());
        assertEquals(200, assertHeadMatchesGet(SAM, paths.get("GET /me/progress/{courseId}")));
        assertEquals(401, assertHeadMatchesGet(null, paths.get("GET /me/progress/{courseId}")));
        assertEquals(404, assertHeadMatchesGet(SAM, "/me/progress/no-such-course"));
    }

    @Test
    void unservedMethodsAnswer405WithEveryMethodTheRouteTableServesOnThePath() {
        assertMethodNotAllowed("GET", "/progress/c1/l1", "PUT");
        assertMethodNotAllowed("PUT", "/progress/c1/l1/quiz", "POST");
        assertMethodNotAllowed("DELETE", "/me/progress/c1", "GET", "HEAD");
        assertMethodNotAllowed("PATCH", "/me", "GET", "HEAD", "PUT", "DELETE");
    }

    @Test
    void unknownPathsAnswerANotFoundProblem() {
        assertUnknownPath("/progress");
        assertUnknownPath("/me/progress");
    }
}
