package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.web.routes.RouteTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.RouteCheck;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ReviewResourceTest {

    static final String SAM = TestTokens.student("sam");

    static Map<String, Object> review(int rating) {
        return Map.of("rating", rating, "title", "My take", "text", "Useful course.");
    }

    @Test
    void anEnrolledLearnerReviewsOnceAndEditsTheirOwnReview() {
        SeededCourse course = TestCatalog.published("alice", "Reviewed", "One");
        TestCatalog.enroll("sam", course.id());
        as(SAM).body(review(2)).post("/reviews/{c}", course.id()).then().statusCode(201)
                .body("rating", equalTo(2)).body("userId", equalTo("sam")).body("version", equalTo(1));
        // The same review again is what the client already has; a different one must be an edit.
        as(SAM).body(review(2)).post("/reviews/{c}", course.id()).then().statusCode(200)
                .body("rating", equalTo(2)).body("version", equalTo(1));
        problem(as(SAM).body(review(5)).post("/reviews/{c}", course.id()).then(), 409, "already-exists")
                .body("detail", containsString("PUT /reviews/" + course.id()));

        Map<String, Object> edit = new HashMap<>(review(5));
        edit.put("version", 1);
        as(SAM).body(edit).put("/reviews/{c}", course.id()).then().statusCode(200).body("rating", equalTo(5)).body("version", equalTo(2));
        problem(as(SAM).body(edit).put("/reviews/{c}", course.id()).then(), 409, "stale-version");
        problem(as(SAM).body(review(4)).put("/reviews/{c}", course.id()).then(), 400, "validation").body("errors.field", hasItem("version"));
        anonymous().get("/courses/{c}/reviews", course.id()).then().statusCode(200).body("items.rating", contains(5));
    }

    @Test
    void refusals() {
        SeededCourse course = TestCatalog.published("alice", "Guarded", "One");
        SeededCourse draft = TestCatalog.course("alice", CourseStatus.DRAFT, "Draft", "One");
        problem(as(SAM).body(review(4)).post("/reviews/{c}", course.id()).then(), 403, "forbidden");
        TestCatalog.enroll("sam", course.id());
        for (int rating : new int[] { 0, 6, -1 }) {
            problem(as(SAM).body(review(rating)).post("/reviews/{c}", course.id()).then(), 400, "validation")
                    .body("errors.field", hasItem("rating"));
        }
        problem(as(SAM).body(Map.of("title", "No stars")).post("/reviews/{c}", course.id()).then(), 400, "validation");
        problem(as(SAM).body(Map.of("rating", 4, "text", "x".repeat(5001))).post("/reviews/{c}", course.id()).then(), 400, "validation")
                .body("errors.field", hasItem("text"));
        problem(as(SAM).body(Map.of("rating", 4, "userId", "mallory")).post("/reviews/{c}", course.id()).then(), 400, "validation")
                .body("errors.field", hasItem("userId"));
        problem(as(SAM).body(review(4)).post("/reviews/{c}", draft.id()).then(), 404, "not-found");
        problem(as(SAM).body(review(4)).post("/reviews/{c}", "missing").then(), 404, "not-found");
        problem(as(TestTokens.instructor("alice")).body(review(5)).post("/reviews/{c}", course.id()).then(), 403, "forbidden");
        problem(anonymous().body(review(5)).post("/reviews/{c}", course.id()).then(), 401, "unauthorized");
        anonymous().get("/courses/{c}/reviews", course.id()).then().body("items.size()", equalTo(0));
    }

    @Test
    void onlyTheAuthorOrAnAdminDeletesAReview() {
        SeededCourse course = TestCatalog.published("alice", "Deletable", "One");
        TestCatalog.enroll("sam", course.id());
        TestCatalog.enroll("pat", course.id());
        as(SAM).body(review(3)).post("/reviews/{c}", course.id()).then().statusCode(201);
        as(TestTokens.student("pat")).body(review(4)).post("/reviews/{c}", course.id()).then().statusCode(201);

        problem(as(TestTokens.student("pat")).delete("/reviews/{c}/{u}", course.id(), "sam").then(), 403, "forbidden");
        problem(as(TestTokens.instructor("alice")).delete("/reviews/{c}/{u}", course.id(), "sam").then(), 403, "forbidden");
        as(SAM).delete("/reviews/{c}", course.id()).then().statusCode(204);
        problem(as(SAM).delete("/reviews/{c}", course.id()).then(), 404, "not-found");
        as(TestTokens.admin("root")).delete("/reviews/{c}/{u}", course.id(), "pat").then().statusCode(204);
        anonymous().get("/courses/{c}/reviews", course.id()).then().body("items.size()", equalTo(0));
    }

    @Test
    void reviewsAreListedNewestFirstInPages() {
        SeededCourse course = TestCatalog.published("alice", "Busy", "One");
        for (String user : new String[] { "a", "b", "c" }) {
            TestCatalog.enroll(user, course.id());
            as(TestTokens.student(user)).body(review(4)).post("/reviews/{c}", course.id()).then().statusCode(201);
        }
        anonymous().get("/courses/{c}/reviews", course.id()).then().body("items.userId", contains("c", "b", "a"));
        String cursor = anonymous().queryParam("limit", 2).get("/courses/{c}/reviews", course.id()).jsonPath().getString("nextCursor");
        anonymous().queryParam("limit", 2).queryParam("cursor", cursor).get("/courses/{c}/reviews", course.id()).then()
                .body("items.userId", contains("a"));
        SeededCourse other = TestCatalog.published("alice", "Other", "One");
        problem(anonymous().queryParam("cursor", cursor).get("/courses/{c}/reviews", other.id()).then(), 400, "invalid-cursor");
    }

    @Test
    void ratingAndTopRatedShowTheProcessorsAggregates() {
        SeededCourse best = TestCatalog.published("alice", "Best", "One");
        SeededCourse good = TestCatalog.published("alice", "Good", "One");
        SeededCourse few = TestCatalog.published("alice", "Few", "One");
        TestCatalog.stats(best.id(), true, 5, 5, 4);
        TestCatalog.stats(good.id(), true, 4, 4, 4, 5);
        TestCatalog.stats(few.id(), true, 5);

        anonymous().get("/courses/{c}/rating", best.id()).then().statusCode(200)
                .body("reviewCount", equalTo(3))
                .body("average", equalTo(4.67f))
                .body("histogram.'5'", equalTo(2))
                .body("histogram.'1'", equalTo(0));
        anonymous().get("/courses/{c}/rating", TestCatalog.published("alice", "New", "One").id()).then()
                .body("reviewCount", equalTo(0)).body("average", equalTo(0.0f));
        anonymous().get("/courses/top-rated").then().statusCode(200)
                .body("items.id", contains(best.id(), good.id()))
                .body("items[0].title", equalTo("Best"));
        problem(anonymous().get("/courses/{c}/rating", "missing").then(), 404, "not-found");
    }

    @Test
    void aggregatesListedTheEarlierWayShowUntilTheirRankItemExistsAndNoCourseTwice() {
        SeededCourse notYetMoved = TestCatalog.published("alice", "Not yet moved", "One");
        SeededCourse moving = TestCatalog.published("alice", "Moving", "One");
        SeededCourse ranked = TestCatalog.published("alice", "Ranked", "One");
        TestCatalog.legacyStats(notYetMoved.id(), true, 5, 5, 5);
        // The roll-up that wrote the rank item took the key off the aggregate, but the index still shows the old entry
        // (at the place of the average before the fourth review).
        TestCatalog.legacyStats(moving.id(), true, 4, 4, 4);
        TestCatalog.rank(moving.id(), true, 4, 4, 4, 5);
        TestCatalog.stats(ranked.id(), true, 5, 5, 4);

        anonymous().get("/courses/top-rated").then().statusCode(200)
                .body("items.id", contains(notYetMoved.id(), ranked.id(), moving.id()))
                .body("items[2].reviewCount", equalTo(4))
                .body("items[2].average", equalTo(4.25f));
        // Page by page (the old entry is alone on the last page): still each course once.
        List<String> shown = new ArrayList<>();
        String cursor = null;
        do {
            var request = anonymous().queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/courses/top-rated").then().statusCode(200).extract().jsonPath();
            shown.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(notYetMoved.id(), ranked.id(), moving.id()), shown);
    }

    @Test
    void routeTableMatchesTheResources() {
        RouteCheck.assertServes(RouteTable.REVIEWS, ReviewResource.class, CourseRatingResource.class);
    }
}
