package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.web.testing.HttpContract.assertCreatedAt;
import static dev.skillforge.web.testing.HttpContract.assertEveryGetCovered;
import static dev.skillforge.web.testing.HttpContract.assertHeadMatchesGet;
import static dev.skillforge.web.testing.HttpContract.assertMethodNotAllowed;
import static dev.skillforge.web.testing.HttpContract.assertUnknownPath;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.Http;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The standard HTTP contract on reviews-service's routes: HEAD, 405 with Allow, 404 for unknown paths, and a created
 * review at its Location, readable by anyone while its course is visible.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class HttpContractTest {

    static final String SAM = TestTokens.student("sam");

    @Test
    void headAnswersWhatGetAnswersOnEveryGetRoute() {
        SeededCourse course = TestCatalog.published("alice", "Heads", "One");
        TestCatalog.stats(course.id(), true, 5, 4, 4);
        TestCatalog.enroll("sam", course.id());
        as(SAM).body(ReviewResourceTest.review(4)).post("/reviews/{c}", course.id()).then().statusCode(201);
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("GET /reviews/{courseId}/{userId}", "/reviews/" + course.id() + "/sam");
        paths.put("GET /courses/{courseId}/reviews", "/courses/" + course.id() + "/reviews");
        paths.put("GET /courses/{courseId}/rating", "/courses/" + course.id() + "/rating");
        paths.put("GET /courses/top-rated", "/courses/top-rated");
        assertEveryGetCovered(RouteTable.REVIEWS, paths.keySet());
        for (String path : paths.values()) {
            assertEquals(200, assertHeadMatchesGet(null, path), path);
            assertEquals(200, assertHeadMatchesGet(SAM, path), path);
        }
        assertEquals(404, assertHeadMatchesGet(null, "/reviews/" + course.id() + "/nobody"));
    }

    @Test
    void unservedMethodsAnswer405WithEveryMethodTheRouteTableServesOnThePath() {
        assertMethodNotAllowed("GET", "/reviews/c1", "POST", "PUT", "DELETE");
        assertMethodNotAllowed("PUT", "/reviews/c1/u1", "GET", "HEAD", "DELETE");
        // /courses/top-rated is also /courses/{courseId} to API Gateway: a PUT or a DELETE would reach that route.
        assertMethodNotAllowed("POST", "/courses/top-rated", "GET", "HEAD", "PUT", "DELETE");
        assertMethodNotAllowed("DELETE", "/courses/c1/rating", "GET", "HEAD");
    }

    @Test
    void unknownPathsAnswerANotFoundProblem() {
        assertUnknownPath("/reviews");
        assertUnknownPath("/reviews/c1/u1/replies");
    }

    @Test
    void aReviewIsWhereLocationSaysForAnyoneWhileItsCourseIsVisible() {
        SeededCourse course = TestCatalog.published("alice", "Located", "One");
        TestCatalog.enroll("sam", course.id());
        Response created = as(SAM).body(ReviewResourceTest.review(5)).post("/reviews/{c}", course.id());
        assertCreatedAt(created, "/reviews/" + course.id() + "/sam", null, "courseId", "userId", "rating", "title", "version");
        var read = anonymous().get("/reviews/{c}/{u}", course.id(), "sam").then().statusCode(200)
                .header("ETag", "\"1\"").extract();
        assertEquals("Authorization, Origin", Http.vary(read));
        assertEquals("public, max-age=300, stale-while-revalidate=600", Http.cacheControl(read));

        // The ETag is the review's version, and follows its edits.
        Map<String, Object> edit = new HashMap<>(ReviewResourceTest.review(3));
        edit.put("version", 1);
        as(SAM).body(edit).put("/reviews/{c}", course.id()).then().statusCode(200);
        anonymous().header("If-None-Match", "\"1\"").get("/reviews/{c}/{u}", course.id(), "sam").then().statusCode(200)
                .header("ETag", "\"2\"").body("rating", equalTo(3));

        problem(anonymous().get("/reviews/{c}/{u}", course.id(), "kim").then(), 404, "not-found");
        problem(anonymous().get("/reviews/{c}/{u}", "missing", "sam").then(), 404, "not-found");
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Draft", "One");
        problem(anonymous().get("/reviews/{c}/{u}", draft.id(), "sam").then(), 404, "not-found");
        // An unpublished course's reviews are its learners' (as its review list is), hidden from everyone else.
        SeededCourse withdrawn = TestCatalog.course("alice", CourseStatus.UNPUBLISHED, "Withdrawn", "One");
        TestCatalog.enroll("sam", withdrawn.id());
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        new ReviewRepository(TestTable.table()).createIfAbsent(new Review(withdrawn.id(), "sam", 4, "Before", null, 1, at, at, "sam"));
        as(SAM).get("/reviews/{c}/{u}", withdrawn.id(), "sam").then().statusCode(200).body("title", equalTo("Before"));
        as(SAM).get("/courses/{c}/reviews", withdrawn.id()).then().statusCode(200).body("items.size()", equalTo(1));
        problem(anonymous().get("/reviews/{c}/{u}", withdrawn.id(), "sam").then(), 404, "not-found");
        problem(anonymous().get("/courses/{c}/reviews", withdrawn.id()).then(), 404, "not-found");
    }
}
