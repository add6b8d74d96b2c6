package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.web.testing.HttpContract.assertCreatedAt;
import static dev.skillforge.web.testing.HttpContract.assertEveryGetCovered;
import static dev.skillforge.web.testing.HttpContract.assertHeadMatchesGet;
import static dev.skillforge.web.testing.HttpContract.assertMethodNotAllowed;
import static dev.skillforge.web.testing.HttpContract.assertUnknownPath;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The standard HTTP contract on enrollments-service's routes: HEAD, 405 with Allow, 404 for unknown paths, Location on enroll. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class HttpContractTest {

    static final String SAM = TestTokens.student("sam");
    static final String ALICE = TestTokens.instructor("alice");
    static final String ADMIN = TestTokens.admin("root");

    @Test
    void headAnswersWhatGetAnswersOnEveryGetRouteWithTheSameAuth() {
        SeededCourse course = TestCatalog.published("alice", "Heads", "One");
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201);
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("GET /me/enrollments", "/me/enrollments");
        paths.put("GET /me/enrollments/{courseId}", "/me/enrollments/" + course.id());
        paths.put("GET /courses/{courseId}/enrollments", "/courses/" + course.id() + "/enrollments");
        paths.put("GET /me", "/me");
        paths.put("GET /admin/users", "/admin/users?role=student");
        paths.put("GET /admin/audit", "/admin/audit?limit=5");
        assertEveryGetCovered(RouteTable.ENROLLMENTS, paths.keySet());
        Map<String, String> readers = Map.of("GET /courses/{courseId}/enrollments", ALICE, "GET /admin/users", ADMIN, "GET /admin/audit", ADMIN);
        paths.forEach((route, path) -> {
            assertEquals(200, assertHeadMatchesGet(readers.getOrDefault(route, SAM), path), path);
            assertEquals(401, assertHeadMatchesGet(null, path), path);
        });
        assertEquals(403, assertHeadMatchesGet(SAM, "/admin/users?role=student"));
        assertEquals(404, assertHeadMatchesGet(SAM, "/me/enrollments/no-such-course"));
    }

    @Test
    void unservedMethodsAnswer405WithEveryMethodTheRouteTableServesOnThePath() {
        assertMethodNotAllowed("PUT", "/enroll/c1", "POST", "DELETE");
        assertMethodNotAllowed("POST", "/me", "GET", "HEAD", "PUT", "DELETE");
        assertMethodNotAllowed("GET", "/admin/users/u1/disable", "POST");
        assertMethodNotAllowed("POST", "/admin/users/u1/role", "PUT");
        assertMethodNotAllowed("DELETE", "/me/enrollments/c1", "GET", "HEAD");
        assertMethodNotAllowed("PATCH", "/courses/c1/enrollments/u1", "DELETE");
        // Another function's path: Allow is the route table's, not this function's.
        assertMethodNotAllowed("PATCH", "/courses/c1", "GET", "HEAD", "PUT", "DELETE");
    }

    @Test
    void unknownPathsAnswerANotFoundProblem() {
        assertUnknownPath("/enroll");
        assertUnknownPath("/me/everything");
    }

    @Test
    void anEnrollmentIsWhereLocationSays() {
        SeededCourse course = TestCatalog.published("alice", "Located", "One");
        Response enrolled = as(SAM).post("/enroll/{id}", course.id());
        assertCreatedAt(enrolled, "/me/enrollments/" + course.id(), SAM, "courseId", "enrolledAt", "course.title");
        // It is the caller's own: another learner has no enrollment there.
        problem(as(TestTokens.student("kim")).get("/me/enrollments/{c}", course.id()).then(), 404, "not-found");
    }

    @Test
    void theSingleEnrollmentFollowsItsCourseAsTheListDoes() {
        SeededCourse course = TestCatalog.published("alice", "Followed", "One");
        as(SAM).post("/enroll/{id}", course.id()).then().statusCode(201);
        as(SAM).get("/me/enrollments/{c}", course.id()).then().statusCode(200).body("course.status", equalTo("published"));
        problem(as(SAM).get("/me/enrollments/{c}", "bad#id").then(), 404, "not-found");
        // A deleted course's enrollment (before the cascade removes it) is left out of the list and not found alone.
        TestTable.client().deleteItem(b -> b.tableName(TestTable.table().name()).key(CourseKeys.primary(course.id()).toAttributes()));
        as(SAM).get("/me/enrollments").then().body("items.size()", equalTo(0));
        problem(as(SAM).get("/me/enrollments/{c}", course.id()).then(), 404, "not-found");
    }
}
