package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The standard HTTP contract through the local gateway, as the stack wires API Gateway: unknown paths and unserved
 * methods reach the $default route's function and come back as 404 and 405 problems (405 with the route table's
 * Allow), HEAD answers what GET answers without the body, and CORS follows the template's CorsConfiguration: a
 * preflight matches the $default route like any other method, its function answers 204 and the gateway adds the
 * configured CORS headers to that answer and to actual responses, for the allowed origin only.
 */
class HttpContractIT {

    /** The web origin the dev stack's CorsConfiguration allows (DeploySettings' default for a non-production stage). */
    private static final String WEB_ORIGIN = "http://localhost:5173";

    private static LocalCloud cloud;
    private static String courseId;

    @BeforeAll
    static void startLocalCloud() throws Exception {
        cloud = TestClouds.start("local-cloud-http-contract", false, line -> { });
        courseId = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", "Contract course", "category", "http", "tags", List.of("http")))
                .post("/courses").then().statusCode(201).extract().path("id");
        as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(Map.of("title", "Only lesson"))
                .post("/courses/" + courseId + "/lessons").then().statusCode(201);
        String version = as("INSTRUCTOR_TOKEN").get("/courses/" + courseId).then().statusCode(200).extract().header("ETag");
        as("INSTRUCTOR_TOKEN").header("If-Match", version).post("/courses/" + courseId + "/publish").then().statusCode(200);
        // Anonymous reads are eventually consistent: every GET and HEAD below must see the published course.
        if (cloud.readReplica() != null) {
            cloud.readReplica().awaitCaughtUp();
        }
    }

    @AfterAll
    static void stopLocalCloud() {
        TestClouds.stop(cloud);
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(cloud.baseUri().toString());
    }

    private static RequestSpecification as(String tokenVariable) {
        return anonymous().header("Authorization", "Bearer " + cloud.tokens().get(tokenVariable));
    }

    /** A header's values, however they were split (the gateway writes a multi-value header as several lines). */
    private static List<String> values(Response response, String header) {
        return response.headers().getValues(header).stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).toList();
    }

    @Test
    void unknownPathsReachTheDefaultRoutesFunctionAndAnswerANotFoundProblem() {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            anonymous().request(method, "/no/such/route").then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("/problems/not-found")).body("status", equalTo(404))
                    .header("x-correlation-id", org.hamcrest.Matchers.notNullValue());
        }
        // $default has no authorizer: a token, good or bad, changes nothing about an unknown path.
        as("STUDENT_TOKEN").get("/me/everything").then().statusCode(404).body("type", equalTo("/problems/not-found"));
        anonymous().header("Authorization", "Bearer not-a-token").get("/admin").then().statusCode(404);
    }

    @Test
    void unservedMethodsAnswer405WithEveryMethodTheRouteTableServes() {
        Response patch = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(Map.of("title", "Patched?"))
                .patch("/courses/" + courseId);
        patch.then().statusCode(405).contentType("application/problem+json").body("type", equalTo("/problems/method-not-allowed"));
        assertEquals(List.of("GET", "HEAD", "PUT", "DELETE"), values(patch, "Allow"));
        anonymous().get("/courses/" + courseId).then().body("title", equalTo("Contract course"));
        // Paths served by other functions than $default's: Allow is still the whole table's.
        Response put = as("STUDENT_TOKEN").put("/me/enrollments");
        put.then().statusCode(405);
        assertEquals(List.of("GET", "HEAD"), values(put, "Allow"));
        Response get = anonymous().get("/enroll/" + courseId);
        get.then().statusCode(405);
        assertEquals(List.of("POST", "DELETE"), values(get, "Allow"));
        // Not a preflight (no Origin): OPTIONS is a method like any other, and no route serves it.
        Response options = anonymous().options("/courses/" + courseId + "/rating");
        options.then().statusCode(405);
        assertEquals(List.of("GET", "HEAD"), values(options, "Allow"));
    }

    @Test
    void headAnswersWhatGetAnswersWithoutTheBody() {
        for (String path : List.of("/courses/" + courseId, "/courses", "/courses/" + courseId + "/rating", "/courses/no-such-course")) {
            Response get = anonymous().get(path);
            Response head = anonymous().head(path);
            assertEquals(get.statusCode(), head.statusCode(), path);
            for (String header : List.of("ETag", "Cache-Control", "Content-Type", "Vary")) {
                assertEquals(values(get, header), values(head, header), path + " " + header);
            }
            assertEquals(Integer.toString(get.asByteArray().length), head.header("Content-Length"), path + " Content-Length");
            assertEquals("", head.asString(), path);
        }
        String etag = anonymous().get("/courses/" + courseId).header("ETag");
        anonymous().header("If-None-Match", etag).head("/courses/" + courseId).then().statusCode(304).header("ETag", etag);
        // The same authorizer as GET: refused without a token before any function runs, served with one.
        anonymous().head("/me").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        Response me = as("STUDENT_TOKEN").get("/me");
        Response meHead = as("STUDENT_TOKEN").head("/me");
        assertEquals(200, meHead.statusCode());
        assertEquals(Integer.toString(me.asByteArray().length), meHead.header("Content-Length"));
    }

    @Test
    void anAllowedPreflightGetsTheStacksCorsConfigurationFromTheFunctionTheDefaultRouteInvokes() {
        for (String path : List.of("/courses/" + courseId, "/no/such/route")) {
            Response preflight = anonymous().header("Origin", WEB_ORIGIN).header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "authorization, content-type, if-match").options(path);
            preflight.then().statusCode(204).header("apigw-requestid", org.hamcrest.Matchers.notNullValue());
            assertEquals(WEB_ORIGIN, preflight.header("Access-Control-Allow-Origin"));
            assertEquals(List.of("GET", "HEAD", "POST", "PUT", "DELETE"), values(preflight, "Access-Control-Allow-Methods"));
            assertTrue(values(preflight, "Access-Control-Allow-Headers").containsAll(List.of("authorization", "content-type", "if-match")));
            assertEquals("3600", preflight.header("Access-Control-Max-Age"));
            assertNull(preflight.header("Access-Control-Allow-Credentials"), "the stack does not allow credentials");
            // $default matches every method, so API Gateway hands the preflight to its function (which answers 204, as every
            // function answers a preflight) instead of answering itself: every function's answer carries a correlation id.
            assertNotNull(preflight.header("x-correlation-id"), path);
            assertEquals("", preflight.asString());
        }
    }

    @Test
    void aPreflightTheConfigurationDoesNotAllowGetsNoCorsHeaders() {
        Map<String, RequestSpecification> refused = Map.of(
                "another origin", anonymous().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET"),
                "a method the routes do not serve", anonymous().header("Origin", WEB_ORIGIN).header("Access-Control-Request-Method", "PATCH"),
                "a header not allowed", anonymous().header("Origin", WEB_ORIGIN).header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "x-internal-role"));
        refused.forEach((why, request) -> {
            Response preflight = request.options("/courses/" + courseId);
            assertEquals(204, preflight.statusCode(), why);
            assertFalse(preflight.headers().asList().stream().anyMatch(header -> header.getName().toLowerCase().startsWith("access-control-")),
                    why + ": " + preflight.headers());
            assertNotNull(preflight.header("x-correlation-id"), why + ": the $default route's function answers");
        });
    }

    @Test
    void actualResponsesCarryCorsHeadersForTheAllowedOriginOnly() {
        Response allowed = anonymous().header("Origin", WEB_ORIGIN).get("/courses/" + courseId);
        allowed.then().statusCode(200);
        assertEquals(WEB_ORIGIN, allowed.header("Access-Control-Allow-Origin"));
        assertTrue(values(allowed, "Access-Control-Expose-Headers").containsAll(List.of("etag", "location", "allow", "x-correlation-id")));
        // On errors from a function too (a 405's Allow is then readable by the page), and on HEAD.
        Response refused = anonymous().header("Origin", WEB_ORIGIN).patch("/courses/" + courseId);
        assertEquals(405, refused.statusCode());
        assertEquals(WEB_ORIGIN, refused.header("Access-Control-Allow-Origin"));
        assertEquals(WEB_ORIGIN, anonymous().header("Origin", WEB_ORIGIN).head("/courses").header("Access-Control-Allow-Origin"));

        Response other = anonymous().header("Origin", "https://evil.example").get("/courses/" + courseId);
        other.then().statusCode(200);
        assertFalse(other.headers().asList().stream().anyMatch(header -> header.getName().toLowerCase().startsWith("access-control-")));
        assertNull(anonymous().get("/courses/" + courseId).header("Access-Control-Allow-Origin"), "no Origin, no CORS");
    }

    @Test
    void aCreatedResourceIsWhereItsLocationSays() {
        Response created = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(Map.of("title", "Located", "category", "http"))
                .post("/courses");
        created.then().statusCode(201);
        String location = created.header("Location");
        assertNotNull(location);
        String path = location;
        assertEquals("/courses/" + created.path("id"), path);
        as("INSTRUCTOR_TOKEN").get(path).then().statusCode(200).body("title", equalTo("Located"));
    }
}
