package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.web.testing.Http;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Public catalog reads carry Cache-Control and a strong ETag, answer 304 to a matching If-None-Match, and change tag with every edit. */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class HttpCachingTest {

    static final String ALICE = TestTokens.instructor("alice");
    static final String DETAIL = "public, max-age=300, stale-while-revalidate=600";
    static final String LIST = "public, max-age=30, stale-while-revalidate=60";

    /** The ETag of a 200, after checking its caching headers and that the tag revalidates to an empty 304. */
    static String revalidates(Supplier<Response> get, String cacheControl) {
        Response first = get.get();
        assertEquals("Authorization, Origin", Http.vary(first.then().statusCode(200).extract()));
        assertEquals(cacheControl, Http.cacheControl(first.then().extract()));
        String etag = first.header("ETag");
        org.junit.jupiter.api.Assertions.assertTrue(etag != null && etag.startsWith("\"") && etag.endsWith("\""), "strong ETag: " + etag);
        return etag;
    }

    @Test
    void courseDetailsOutlineListsAndSearchRevalidateAndChangeWithEveryEdit() {
        String id = publishedCourse(ALICE, "Caching in depth", "programming", "http");

        String detail = revalidates(() -> anonymous().get("/courses/{courseId}", id), DETAIL);
        anonymous().header("If-None-Match", detail).get("/courses/{courseId}", id).then().statusCode(304)
                .body(emptyString()).header("ETag", detail).header("Content-Type", nullValue());
        String outline = revalidates(() -> anonymous().get("/courses/{courseId}/lessons", id), DETAIL);
        anonymous().header("If-None-Match", outline).get("/courses/{courseId}/lessons", id).then().statusCode(304).body(emptyString());
        String list = revalidates(() -> anonymous().get("/courses"), LIST);
        anonymous().header("If-None-Match", "\"other\", " + list).get("/courses").then().statusCode(304);
        SearchFeed.deliver();
        String search = revalidates(() -> anonymous().queryParam("q", "caching").get("/courses/search"), LIST);
        anonymous().header("If-None-Match", search).queryParam("q", "caching").get("/courses/search").then().statusCode(304);

        // An edit changes the course, the list and the search answer.
        Map<String, Object> edit = new HashMap<>(course("Caching in more depth", "programming", "http"));
        edit.put("version", 2);
        as(ALICE).body(edit).put("/courses/{courseId}", id).then().statusCode(200);
        anonymous().header("If-None-Match", detail).get("/courses/{courseId}", id).then().statusCode(200).body("title", equalTo("Caching in more depth"));
        assertNotEquals(detail, anonymous().get("/courses/{courseId}", id).header("ETag"));
        assertNotEquals(list, anonymous().get("/courses").header("ETag"));
        SearchFeed.deliver();
        assertNotEquals(search, anonymous().queryParam("q", "caching").get("/courses/search").header("ETag"));

        // A new lesson changes the outline.
        addLesson(ALICE, id, "Validators");
        anonymous().header("If-None-Match", outline).get("/courses/{courseId}/lessons", id).then().statusCode(200);

        // Unpublishing changes the list (the course leaves it) and publishing again changes it back.
        String listBefore = anonymous().get("/courses").header("ETag");
        CourseApi.unpublish(ALICE, id);
        String listUnpublished = anonymous().get("/courses").header("ETag");
        assertNotEquals(listBefore, listUnpublished);
        CourseApi.publish(ALICE, id);
        assertNotEquals(listUnpublished, anonymous().get("/courses").header("ETag"));
    }

    @Test
    void personalReadsAndErrorsAreNeverStored() {
        String id = publishedCourse(ALICE, "Private view", "programming");
        // With a token the answer may be personal (an author sees drafts and answer keys): never cached, and no hash of
        // it is tagged; the author's outline carries its version, the tag a reorder sends back as If-Match.
        assertEquals("private, no-store", Http.cacheControl(as(ALICE).get("/courses/{courseId}/lessons", id).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.equalTo("\"1\"")).extract()));
        as(TestTokens.student("sam")).get("/courses/{courseId}/lessons", id).then().statusCode(200).header("ETag", nullValue());
        assertEquals("private, no-store", Http.cacheControl(as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).extract()));
        assertEquals("no-store", Http.cacheControl(anonymous().get("/courses/{courseId}", "missing").then().statusCode(404).extract()));
        assertEquals("no-store", Http.cacheControl(anonymous().queryParam("limit", "0").get("/courses").then().statusCode(400).extract()));
        assertEquals("private, no-store", Http.cacheControl(as(ALICE).body(course("Fresh", "programming")).post("/courses")
                .then().statusCode(201).extract()));
    }
}
