package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.HiddenCourses;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A course's reviews and rating are hidden with the course: every reviews-service route that names a draft or an
 * unpublished course answers another instructor, a learner not in it and a visitor exactly as for a course that does
 * not exist, and changes nothing.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ReviewVisibilityTest {

    @Test
    void aDraftAndAnUnpublishedCourseAnswerOthersAsMissing() {
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Secret draft", "One");
        SeededCourse withdrawn = TestCatalog.published("alice", "Withdrawn", "One");
        TestCatalog.enroll("kept", withdrawn.id());
        as(TestTokens.student("kept")).body(Map.of("rating", 5)).post("/reviews/{c}", withdrawn.id()).then().statusCode(201);
        TestCatalog.stats(withdrawn.id(), true, 5);
        TestCatalog.unpublish(withdrawn);

        for (SeededCourse hidden : new SeededCourse[] { draft, withdrawn }) {
            for (String token : new String[] { TestTokens.instructor("bob"), TestTokens.student("sam") }) {
                for (boolean withVersion : new boolean[] { true, false }) {
                    Supplier<RequestSpecification> caller = () -> withVersion ? as(token).header("If-Match", "*") : as(token);
                    routes(caller).forEach((route, request) -> HiddenCourses.assertAnswersAsMissing(route, hidden.id(), request));
                }
            }
            for (String route : new String[] { "GET /courses/{courseId}/reviews", "GET /courses/{courseId}/rating" }) {
                HiddenCourses.assertAnswersAsMissing(route + " (visitor)", hidden.id(), routes(() -> anonymous()).get(route));
            }
        }
        Review kept = new ReviewRepository(TestTable.table()).find(withdrawn.id(), "kept").orElseThrow();
        assertEquals(1, kept.version(), "the hidden course's review is untouched");
        // its learner still sees it, and so do its owner and admins
        as(TestTokens.student("kept")).get("/courses/{c}/reviews", withdrawn.id()).then().statusCode(200);
        as(TestTokens.instructor("alice")).get("/courses/{c}/rating", withdrawn.id()).then().statusCode(200);
        as(TestTokens.admin("root")).get("/courses/{c}/rating", draft.id()).then().statusCode(200);
    }

    /** Every route of this function that names a course; the admin's delete names the one review the hidden course has. */
    private static Map<String, Function<String, Response>> routes(Supplier<RequestSpecification> caller) {
        Map<String, Function<String, Response>> routes = new LinkedHashMap<>();
        routes.put("GET /courses/{courseId}/reviews", id -> caller.get().get("/courses/{c}/reviews", id));
        routes.put("GET /courses/{courseId}/rating", id -> caller.get().get("/courses/{c}/rating", id));
        routes.put("POST /reviews/{courseId}", id -> caller.get().body(Map.of("rating", 1)).post("/reviews/{c}", id));
        routes.put("PUT /reviews/{courseId}", id -> caller.get().body(Map.of("rating", 1)).put("/reviews/{c}", id));
        routes.put("DELETE /reviews/{courseId}", id -> caller.get().delete("/reviews/{c}", id));
        routes.put("DELETE /reviews/{courseId}/{userId}", id -> caller.get().delete("/reviews/{c}/{u}", id, "kept"));
        return routes;
    }
}
