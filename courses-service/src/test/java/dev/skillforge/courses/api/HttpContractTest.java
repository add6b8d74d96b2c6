package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.HttpContract.assertCreatedAt;
import static dev.skillforge.web.testing.HttpContract.assertEveryGetCovered;
import static dev.skillforge.web.testing.HttpContract.assertHeadMatchesGet;
import static dev.skillforge.web.testing.HttpContract.assertMethodNotAllowed;
import static dev.skillforge.web.testing.HttpContract.assertUnknownPath;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The standard HTTP contract on courses-service's routes: HEAD, 405 with Allow, 404 for unknown paths, Location on creates. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class HttpContractTest {

    static final String ALICE = TestTokens.instructor("alice");

    @Test
    void headAnswersWhatGetAnswersOnEveryGetRoute() {
        String id = publishedCourse(ALICE, "Heads and tails", "programming", "http");
        String lesson = as(ALICE).get("/courses/{courseId}/lessons", id).jsonPath().getString("lessons[0].id");
        SearchFeed.deliver();
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("GET /courses", "/courses");
        paths.put("GET /courses/search", "/courses/search?q=heads");
        paths.put("GET /courses/{courseId}", "/courses/" + id);
        paths.put("GET /courses/{courseId}/lessons", "/courses/" + id + "/lessons");
        paths.put("GET /courses/{courseId}/lessons/{lessonId}", "/courses/" + id + "/lessons/" + lesson);
        assertEveryGetCovered(RouteTable.COURSES, paths.keySet());
        for (String path : paths.values()) {
            // anonymous (public and cached, with an ETag) and as the author (private, no-store), as GET answers each
            assertEquals(200, assertHeadMatchesGet(null, path), path);
            assertEquals(200, assertHeadMatchesGet(ALICE, path), path);
        }
        // Errors as well: the same problem status, type and length, no body.
        assertEquals(404, assertHeadMatchesGet(null, "/courses/no-such-course"));
        assertEquals(400, assertHeadMatchesGet(null, "/courses?limit=0"));
        assertEquals(401, assertHeadMatchesGet("not-a-token", "/courses/" + id));
    }

    @Test
    void unservedMethodsAnswer405WithEveryMethodTheRouteTableServesOnThePath() {
        String id = publishedCourse(ALICE, "Methods", "programming");
        assertMethodNotAllowed("PATCH", "/courses/" + id, "GET", "HEAD", "PUT", "DELETE");
        assertMethodNotAllowed("OPTIONS", "/courses/" + id, "GET", "HEAD", "PUT", "DELETE");
        assertMethodNotAllowed("DELETE", "/courses", "GET", "HEAD", "POST");
        assertMethodNotAllowed("POST", "/courses/search", "GET", "HEAD", "PUT", "DELETE");
        assertMethodNotAllowed("GET", "/courses/" + id + "/publish", "POST");
        // Paths other functions serve: API Gateway's $default brings them here, and Allow still says what is served.
        assertMethodNotAllowed("POST", "/courses/" + id + "/reviews", "GET", "HEAD");
        assertMethodNotAllowed("PUT", "/me/enrollments", "GET", "HEAD");
        assertMethodNotAllowed("GET", "/enroll/" + id, "POST", "DELETE");
        // A 405 changes nothing, whoever asks.
        as(ALICE).body(course("Changed?", "programming")).patch("/courses/{courseId}", id).then().statusCode(405);
        as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).body("title", org.hamcrest.Matchers.equalTo("Methods"));
    }

    @Test
    void unknownPathsAnswerANotFoundProblem() {
        assertUnknownPath("/nothing-here");
        assertUnknownPath("/courses/a/b/c/d/e");
        assertUnknownPath("/courses/");
    }

    @Test
    void createdCoursesAndLessonsAreWhereLocationSays() {
        Response course = as(ALICE).body(course("Located", "programming")).post("/courses");
        String id = course.path("id");
        assertCreatedAt(course, "/courses/" + id, ALICE, "id", "title", "version");
        Response lesson = as(ALICE).body(Map.of("title", "Where", "summary", "s", "content", "c", "durationMinutes", 5))
                .post("/courses/{courseId}/lessons", id);
        assertCreatedAt(lesson, "/courses/" + id + "/lessons/" + lesson.path("id"), ALICE, "id", "title", "version");
    }

    @Test
    void anUploadGrantCreatesNothingSoItIsNotA201() {
        String id = publishedCourse(ALICE, "Granted", "design");
        as(ALICE).body(Map.of("kind", "cover", "contentType", "image/png", "contentLength", 10)).post("/courses/{courseId}/assets", id)
                .then().statusCode(200).header("Location", org.hamcrest.Matchers.nullValue());
    }

    /**
     * $default catches OPTIONS, so on AWS a CORS preflight reaches a function instead of being answered by API Gateway:
     * every function answers it 204 on any path, without a body, for API Gateway to add the configured CORS headers.
     */
    @Test
    void aCorsPreflightIsAnswered204OnAnyPath() {
        String id = publishedCourse(ALICE, "Preflighted", "design");
        for (String path : new String[] { "/courses/" + id, "/courses", "/no/such/path" }) {
            Response preflight = dev.skillforge.web.testing.Http.anonymous().header("Origin", "http://localhost:5173")
                    .header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "authorization, if-match")
                    .options(path);
            assertEquals(204, preflight.statusCode(), path);
            assertEquals("", preflight.asString(), path);
        }
        // Without Origin it is no preflight: OPTIONS is then a method no route serves.
        dev.skillforge.web.testing.Http.anonymous().options("/courses/" + id).then().statusCode(405);
    }

    /** A POST without content has no media type to check: whatever Content-Type a client library adds, it is not a 415. */
    @Test
    void aBodylessPostIsNotRefusedForTheContentTypeOfContentItDoesNotHave() {
        String id = CourseApi.createCourse(ALICE, "Published without a body", "design");
        CourseApi.addLesson(ALICE, id, "Only lesson");
        String etag = as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).extract().header("ETag");
        io.restassured.RestAssured.given().header("Authorization", TestTokens.bearer(ALICE)).header("If-Match", etag)
                .contentType("text/plain").body(new byte[0]).post("/courses/{courseId}/publish", id).then().statusCode(200);
    }

    /** A limit is plain ASCII digits (a broken escape in a path is RoutePathTest's: no HTTP client here sends one). */
    @Test
    void aLimitIsPlainDigits() {
        for (String limit : new String[] { "+5", "%205", "%20", "%D9%A5", "5.0", "-1" }) {
            io.restassured.RestAssured.given().urlEncodingEnabled(false).get("/courses?limit=" + limit).then().statusCode(400)
                    .body("errors.field", org.hamcrest.Matchers.hasItem("limit"));
        }
    }

    /** RFC 9110 13.1.1: a read whose If-Match names no current tag is not performed (412); 13.2.2: If-Match before If-None-Match. */
    @Test
    void aReadWithAStaleIfMatchIs412() {
        String id = publishedCourse(ALICE, "Conditional read", "design");
        String etag = dev.skillforge.web.testing.Http.anonymous().get("/courses/{courseId}", id).then().statusCode(200).extract().header("ETag");
        for (String fresh : new String[] { etag, "*", "\"999\", " + etag }) {
            dev.skillforge.web.testing.Http.anonymous().header("If-Match", fresh).get("/courses/{courseId}", id).then().statusCode(200);
        }
        for (String stale : new String[] { "\"999\"", "W/" + etag }) {
            dev.skillforge.web.testing.Http.problem(dev.skillforge.web.testing.Http.anonymous().header("If-Match", stale)
                    .get("/courses/{courseId}", id).then(), 412, "stale-version").header("ETag", etag);
            dev.skillforge.web.testing.Http.problem(dev.skillforge.web.testing.Http.anonymous().header("If-Match", stale)
                    .header("If-None-Match", etag).get("/courses/{courseId}", id).then(), 412, "stale-version");
        }
        dev.skillforge.web.testing.Http.problem(dev.skillforge.web.testing.Http.anonymous().header("If-Match", "3")
                .get("/courses/{courseId}", id).then(), 400, "validation").body("errors.field", org.hamcrest.Matchers.hasItem("If-Match"));
        // The same for a personal read (the author's view of the course).
        as(ALICE).header("If-Match", "\"999\"").get("/courses/{courseId}", id).then().statusCode(412);
        as(ALICE).header("If-Match", etag).get("/courses/{courseId}", id).then().statusCode(200);
    }

    /**
     * A list page's tag is its items and whether more follow: its cursor is sealed with a fresh nonce each time, yet the
     * same page revalidates (304) and its tag satisfies If-Match. A read without a tag matches only If-Match: *.
     */
    @Test
    void aPageWithANextCursorKeepsItsTagAndATaglessReadMatchesOnlyAStar() {
        publishedCourse(ALICE, "Paged one", "paging");
        publishedCourse(ALICE, "Paged two", "paging");
        Response first = dev.skillforge.web.testing.Http.anonymous().get("/courses?category=paging&limit=1");
        first.then().statusCode(200).body("nextCursor", org.hamcrest.Matchers.notNullValue());
        String etag = first.header("ETag");
        Response again = dev.skillforge.web.testing.Http.anonymous().get("/courses?category=paging&limit=1");
        assertEquals(etag, again.header("ETag"), "the same page, with a freshly sealed cursor");
        dev.skillforge.web.testing.Http.anonymous().header("If-None-Match", etag).get("/courses?category=paging&limit=1")
                .then().statusCode(304);
        dev.skillforge.web.testing.Http.anonymous().header("If-Match", etag).get("/courses?category=paging&limit=1")
                .then().statusCode(200);
        // With a token the list is personal: no tag, so only * goes ahead.
        as(ALICE).get("/courses?category=paging&limit=1").then().statusCode(200).header("ETag", org.hamcrest.Matchers.nullValue());
        as(ALICE).header("If-Match", "*").get("/courses?category=paging&limit=1").then().statusCode(200);
        dev.skillforge.web.testing.Http.problem(as(ALICE).header("If-Match", etag).get("/courses?category=paging&limit=1").then(),
                412, "stale-version");
    }

    /** A body-less POST with a Content-Type but no Content-Length (legal in HTTP/1.1) is not a 415 either. */
    @Test
    void aBodylessPostWithoutALengthIsNotRefusedForItsContentType() {
        String id = CourseApi.createCourse(ALICE, "Published without a length", "design");
        CourseApi.addLesson(ALICE, id, "Only lesson");
        String etag = as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).extract().header("ETag");
        io.restassured.RestAssured.given().header("Authorization", TestTokens.bearer(ALICE)).header("If-Match", etag)
                .contentType("application/json").post("/courses/{courseId}/publish", id).then().statusCode(200);
    }
}

