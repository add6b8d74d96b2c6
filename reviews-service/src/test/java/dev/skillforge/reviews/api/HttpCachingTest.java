package dev.skillforge.reviews.api;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.Http;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.data.testing.TestCatalog.SeededCourse;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Reviews, rating and top-rated are public lists: short caching, a strong ETag, and a new tag after every new review. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class HttpCachingTest {

    static final String LIST = "public, max-age=30, stale-while-revalidate=60";

    static String tagOf(String path, Object... parameters) {
        var response = anonymous().get(path, parameters).then().statusCode(200).extract();
        assertEquals("Authorization, Origin", Http.vary(response));
        assertEquals(LIST, Http.cacheControl(response));
        return response.header("ETag");
    }

    @Test
    void aNewReviewChangesTheTagOfEveryAnswerItAffects() {
        SeededCourse course = TestCatalog.published("alice", "Cached reviews", "One");
        TestCatalog.stats(course.id(), true, 5, 4, 4);
        String reviews = tagOf("/courses/{c}/reviews", course.id());
        String rating = tagOf("/courses/{c}/rating", course.id());
        String topRated = tagOf("/courses/top-rated");
        anonymous().header("If-None-Match", reviews).get("/courses/{c}/reviews", course.id()).then().statusCode(304).body(emptyString());
        anonymous().header("If-None-Match", rating).get("/courses/{c}/rating", course.id()).then().statusCode(304);
        anonymous().header("If-None-Match", topRated).get("/courses/top-rated").then().statusCode(304);

        TestCatalog.enroll("sam", course.id());
        assertEquals("private, no-store", Http.cacheControl(as(TestTokens.student("sam")).body(Map.of("rating", 5, "title", "Great"))
                .post("/reviews/{c}", course.id()).then().statusCode(201).extract()));
        // The review list changes at once; rating and top-rated change when the stream-processor updates the aggregate.
        assertNotEquals(reviews, tagOf("/courses/{c}/reviews", course.id()));
        TestCatalog.stats(course.id(), true, 5, 4, 4, 5);
        anonymous().header("If-None-Match", rating).get("/courses/{c}/rating", course.id()).then().statusCode(200);
        assertNotEquals(rating, tagOf("/courses/{c}/rating", course.id()));
        assertNotEquals(topRated, tagOf("/courses/top-rated"));
    }
}
