package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
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
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The strict request contract on writing and editing a review (docs/problems.md): refused, named, nothing changed. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class StrictInputTest {

    static final String SAM = TestTokens.student("sam");

    static Map<String, Object> review(Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rating", 4);
        body.put("title", "Good");
        body.put("text", "Clear and useful.");
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    static List<Route> routes(String courseId) {
        return List.of(new Route("POST", "/reviews/" + courseId, SAM, review()),
                new Route("PUT", "/reviews/" + courseId, SAM, review("version", 1)));
    }

    static SeededCourse reviewedCourse() {
        SeededCourse course = TestCatalog.published("alice", "Reviewed", "One");
        TestCatalog.enroll("sam", course.id());
        as(SAM).body(review("rating", 3)).post("/reviews/{c}", course.id()).then().statusCode(201);
        return course;
    }

    @Test
    void reviewsRefuseBodiesThatAreNotOneJsonObjectInUtf8() {
        SeededCourse course = reviewedCourse();
        for (Route route : routes(course.id())) {
            BodyContract.refusesBadBodies(route);
        }
    }

    @Test
    void reviewsRefuseValuesOfAnotherType() {
        SeededCourse course = reviewedCourse();
        for (Route route : routes(course.id())) {
            BodyContract.refusesWrongTypes(route);
            // a rating is never a rounded or converted value
            for (String rating : List.of("4.5", "4.0", "\"4\"", "true", "[4]", "null")) {
                String message = rating.equals("null") ? "must not be null" : "must be a whole number";
                BodyContract.refusedWith(route, BodyContract.withRaw(route.validBody(), "rating", rating), "rating", message);
            }
        }
        anonymous().get("/courses/{c}/reviews", course.id()).then().body("items.rating", equalTo(List.of(3)))
                .body("items[0].version", equalTo(1));
    }

    @Test
    void documentedLimitsAreCheckedAtTheEdge() {
        SeededCourse course = reviewedCourse();
        String before = BodyContract.tableSnapshot();
        for (Map<String, Object> body : List.of(review("rating", 0), review("rating", 6))) {
            problem(as(SAM).body(body).put("/reviews/{c}", course.id()).then(), 400, "validation").body("errors.field", hasItem("rating"));
        }
        problem(as(SAM).body(review("title", "x".repeat(121), "version", 1)).put("/reviews/{c}", course.id()).then(), 400, "validation")
                .body("errors.field", hasItem("title"));
        problem(as(SAM).body(review("text", "x".repeat(5001), "version", 1)).put("/reviews/{c}", course.id()).then(), 400, "validation")
                .body("errors.field", hasItem("text"));
        // under 5,000 characters, over 15,000 bytes in UTF-8
        problem(as(SAM).body(review("text", "\u6f22".repeat(4999) + "\uD83D\uDE00", "version", 1)).put("/reviews/{c}", course.id())
                .then(), 400, "validation").body("errors.field", hasItem("text"));
        assertEquals(before, BodyContract.tableSnapshot());
    }
}
