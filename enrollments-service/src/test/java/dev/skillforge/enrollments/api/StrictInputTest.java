package dev.skillforge.enrollments.api;

import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.web.testing.BodyContract;
import dev.skillforge.web.testing.BodyContract.Route;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The strict request contract on the profile edit (docs/problems.md), and the same media-type rule on the bodiless enroll. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class StrictInputTest {

    static final String UMA = TestTokens.user("uma").roles("student").name("Uma").sign();

    static Route profileEdit() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Uma Learner");
        body.put("bio", "Likes SQL");
        body.put("version", 1);
        return new Route("PUT", "/me", UMA, body);
    }

    @Test
    void theProfileEditRefusesBodiesThatAreNotOneJsonObjectInUtf8() {
        as(UMA).get("/me").then().statusCode(200);
        BodyContract.refusesBadBodies(profileEdit());
    }

    @Test
    void theProfileEditRefusesValuesOfAnotherType() {
        as(UMA).get("/me").then().statusCode(200);
        BodyContract.refusesWrongTypes(profileEdit());
        BodyContract.refusedWith(profileEdit(), BodyContract.withRaw(profileEdit().validBody(), "name", "null"), "name", "must not be blank");
        as(UMA).get("/me").then().body("name", equalTo("Uma")).body("version", equalTo(1));
    }

    @Test
    void aNameWithNothingVisibleIsRefusedAsBlank() {
        as(UMA).get("/me").then().statusCode(200);
        for (String invisible : List.of("\u200B\u200B", "\uFEFF", "\u2060", "\u00A0\u3000", "\u200D\u200C", "\u0301", "\u3164", "   ", "")) {
            problem(as(UMA).body(Map.of("name", invisible, "version", 1)).put("/me").then(), 400, "validation")
                    .body("errors.findAll { it.field == 'name' }.message", hasItem("must not be blank"));
        }
        problem(as(UMA).body(Map.of("name", "x".repeat(81), "version", 1)).put("/me").then(), 400, "validation")
                .body("errors.field", hasItem("name"));
        problem(as(UMA).body(Map.of("name", "Uma", "bio", "x".repeat(1001), "version", 1)).put("/me").then(), 400, "validation")
                .body("errors.field", hasItem("bio"));
        as(UMA).get("/me").then().body("name", equalTo("Uma")).body("version", equalTo(1));
        as(UMA).body(Map.of("name", "x".repeat(80), "bio", "y".repeat(1000), "version", 1)).put("/me").then().statusCode(200);
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedEvenWhereNoBodyIsRead() {
        TestCatalog.SeededCourse course = TestCatalog.published("alice", "Open", "One");
        String before = BodyContract.tableSnapshot();
        problem(given().header("Authorization", TestTokens.bearer(UMA)).contentType("text/plain").body("enroll me")
                .post("/enroll/{id}", course.id()).then(), 415, "unsupported-media-type");
        assertEquals(before, BodyContract.tableSnapshot());
        // no body and no Content-Type at all is what a bodiless POST looks like
        given().header("Authorization", TestTokens.bearer(UMA)).noContentType().post("/enroll/{id}", course.id()).then().statusCode(201);
    }
}
