package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestCatalog;
import dev.skillforge.web.testing.MediaKeyTestConfig;
import dev.skillforge.web.testing.Uploads;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class AssetResourceTest {

    static final String ALICE = TestTokens.instructor("alice");

    static Map<String, Object> cover(String type, long size) {
        return Map.of("kind", "cover", "contentType", type, "contentLength", size);
    }

    /** Grants an upload, PUTs {@code bytes} to it, and answers the granted key. */
    static String uploaded(String token, String courseId, Map<String, Object> request, byte[] bytes) {
        var grant = as(token).body(request).post("/courses/{courseId}/assets", courseId).then().statusCode(200).extract();
        assertEquals(200, Uploads.put(grant.path("url"), (String) request.get("contentType"), bytes));
        return grant.path("key");
    }

    static Map<String, Object> withCover(String title, String key, long version) {
        Map<String, Object> edit = new HashMap<>(CourseApi.course(title, "design"));
        edit.put("coverImageKey", key);
        edit.put("version", version);
        return edit;
    }

    @Test
    void ownerGetsAShortLivedPresignedPutForACover() {
        String id = createCourse(ALICE, "With cover", "design");
        as(ALICE).body(cover("image/png", 200_000)).post("/courses/{courseId}/assets", id)
                .then().statusCode(200)
                .body("method", equalTo("PUT"))
                .body("key", startsWith("courses/" + id + "/cover/"))
                .body("url", containsString("skillforge-assets-local"))
                .body("url", containsString("X-Amz-Expires=300"))
                .body("url", containsString("X-Amz-Signature="))
                .body("url", containsString("content-length%3Bcontent-type"))
                .body("headers.'Content-Type'", equalTo("image/png"))
                .body("headers.'Content-Length'", equalTo("200000"))
                .body("headers.'If-None-Match'", equalTo("*"))
                .body("url", containsString("if-none-match"))
                .body("attachBy", notNullValue());
    }

    @Test
    void anUploadedCoverIsAttachedAndShownByItsPublicUrl() {
        String id = createCourse(ALICE, "With cover", "design");
        byte[] png = Uploads.file("image/png", 2_000);
        String key = uploaded(ALICE, id, cover("image/png", png.length), png);
        as(ALICE).body(withCover("With cover", key, 1)).put("/courses/{courseId}", id).then().statusCode(200)
                .body("coverImageKey", equalTo(key))
                .body("coverImageUrl", equalTo(MediaKeyTestConfig.BASE_URL + "/" + key));
        addLesson(ALICE, id, "First");
        CourseApi.publish(ALICE, id);
        int version = anonymous().get("/courses/{courseId}", id).then().statusCode(200)
                .body("coverImageUrl", equalTo(MediaKeyTestConfig.BASE_URL + "/" + key)).extract().path("version");
        // Saving the course again with the same cover needs no new upload.
        as(ALICE).body(withCover("Renamed", key, version)).put("/courses/{courseId}", id).then().statusCode(200).body("coverImageKey", equalTo(key));
    }

    @Test
    void aKeyIsOnlyAttachedOnceItsGrantedFileIsThere() {
        String id = createCourse(ALICE, "Checked cover", "design");
        byte[] png = Uploads.file("image/png", 1_000);
        // Granted but never uploaded.
        String nothing = as(ALICE).body(cover("image/png", png.length)).post("/courses/{courseId}/assets", id).then().extract().path("key");
        problem(as(ALICE).body(withCover("Checked cover", nothing, 1)).put("/courses/{courseId}", id).then(), 400, "validation")
                .body("errors[0].field", equalTo("coverImageKey")).body("errors[0].message", containsString("no uploaded file"));
        // Uploaded with the granted type and size, but the bytes are not a PNG.
        byte[] html = Arrays.copyOf("<html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), png.length);
        String disguised = uploaded(ALICE, id, cover("image/png", html.length), html);
        problem(as(ALICE).body(withCover("Checked cover", disguised, 1)).put("/courses/{courseId}", id).then(), 400, "validation")
                .body("errors[0].message", containsString("content is not image/png"));
        // A key that looks right but was never granted.
        problem(as(ALICE).body(withCover("Checked cover", "courses/" + id + "/cover/made-up.png", 1)).put("/courses/{courseId}", id).then(),
                400, "validation").body("errors[0].message", containsString("granted for this course"));
        // A cover granted for another course of the same owner.
        String other = createCourse(ALICE, "Other", "design");
        String elsewhere = uploaded(ALICE, other, cover("image/png", png.length), png);
        problem(as(ALICE).body(withCover("Checked cover", elsewhere, 1)).put("/courses/{courseId}", id).then(), 400, "validation")
                .body("errors[0].field", equalTo("coverImageKey"));
        as(ALICE).get("/courses/{courseId}", id).then().body("version", equalTo(1)).body("coverImageKey", nullValue());
    }

    @Test
    void aGrantUploadsOneFileOnceSoCheckedBytesCannotBeSwapped() {
        String id = createCourse(ALICE, "Once", "design");
        byte[] png = Uploads.file("image/png", 600);
        var grant = as(ALICE).body(cover("image/png", png.length)).post("/courses/{courseId}/assets", id).then().statusCode(200).extract();
        assertEquals(200, Uploads.put(grant.path("url"), "image/png", png));
        as(ALICE).body(withCover("Once", grant.path("key"), 1)).put("/courses/{courseId}", id).then().statusCode(200);
        byte[] swapped = Arrays.copyOf("<svg onload=alert(1)>".getBytes(StandardCharsets.US_ASCII), png.length);
        assertEquals(412, Uploads.put(grant.path("url"), "image/png", swapped), "the same URL cannot overwrite the checked file");
        problem(as(ALICE).body(Map.of("kind", "cover", "lessonId", "l-1", "contentType", "image/png", "contentLength", 10))
                .post("/courses/{courseId}/assets", id).then(), 400, "validation").body("errors.field", hasItem("lessonId"));
    }

    @Test
    void aReplacedCoverCannotComeBack() {
        String id = createCourse(ALICE, "Two covers", "design");
        byte[] png = Uploads.file("image/png", 500);
        String first = uploaded(ALICE, id, cover("image/png", png.length), png);
        String second = uploaded(ALICE, id, cover("image/png", png.length), png);
        as(ALICE).body(withCover("Two covers", first, 1)).put("/courses/{courseId}", id).then().statusCode(200);
        as(ALICE).body(withCover("Two covers", second, 2)).put("/courses/{courseId}", id).then().statusCode(200);
        problem(as(ALICE).body(withCover("Two covers", first, 3)).put("/courses/{courseId}", id).then(), 400, "validation")
                .body("errors[0].message", containsString("attached before"));
    }

    @Test
    void lessonFilesGoUnderTheirLessonAndAreSignedForThoseWhoMayReadIt() {
        String id = createCourse(ALICE, "With video", "design");
        String lesson = addLesson(ALICE, id, "Video lesson");
        String otherLesson = addLesson(ALICE, id, "Other lesson");
        byte[] mp4 = Uploads.file("video/mp4", 4_096);
        Map<String, Object> request = Map.of("kind", "lesson-file", "lessonId", lesson, "contentType", "video/mp4", "contentLength", mp4.length);
        String key = uploaded(ALICE, id, request, mp4);
        assertTrue(key.startsWith("courses/" + id + "/lessons/" + lesson + "/"));
        // Granted for one lesson: not attachable to another.
        problem(as(ALICE).body(Map.of("title", "Other lesson", "videoKey", key, "version", 1))
                .put("/courses/{courseId}/lessons/{l}", id, otherLesson).then(), 400, "validation").body("errors[0].field", equalTo("videoKey"));
        as(ALICE).body(Map.of("title", "Video lesson", "videoKey", key, "version", 1))
                .put("/courses/{courseId}/lessons/{l}", id, lesson).then().statusCode(200).body("videoKey", equalTo(key));
        CourseApi.publish(ALICE, id);
        TestCatalog.enroll("sam", id);
        long now = Instant.now().getEpochSecond();
        for (String reader : List.of(TestTokens.student("sam"), ALICE, TestTokens.admin("root"))) {
            var view = as(reader).get("/courses/{courseId}/lessons/{l}", id, lesson).then().statusCode(200)
                    .body("videoKey", equalTo(key)).extract();
            String url = view.path("videoUrl");
            assertTrue(url.startsWith(MediaKeyTestConfig.BASE_URL + "/" + key + "?Expires="), url);
            assertTrue(MediaKeyTestConfig.verifies(url, now), "a valid CloudFront signature for " + url);
            Instant expires = Instant.parse(view.path("videoUrlExpiresAt"));
            assertTrue(expires.isAfter(Instant.now().plusSeconds(3600)) && expires.isBefore(Instant.now().plusSeconds(3 * 3600)), expires.toString());
        }
        // Not enrolled, or no token: the outline fields only, as for the lesson's body.
        for (String stranger : java.util.Arrays.asList(TestTokens.student("stranger"), TestTokens.instructor("bob"), null)) {
            (stranger == null ? anonymous() : as(stranger)).get("/courses/{courseId}/lessons/{l}", id, lesson).then().statusCode(200)
                    .body("videoUrl", nullValue()).body("videoKey", nullValue()).body("content", nullValue());
        }
        // A course nobody else may see: the same 404 as for the lesson.
        CourseApi.unpublish(ALICE, id);
        problem(as(TestTokens.student("stranger")).get("/courses/{courseId}/lessons/{l}", id, lesson).then(), 404, "not-found");
    }

    @Test
    void typesSizesAndLessonsAreChecked() {
        String id = createCourse(ALICE, "Checked", "design");
        problem(as(ALICE).body(cover("application/x-msdownload", 10)).post("/courses/{courseId}/assets", id).then(), 400, "validation")
                .body("errors.field", hasItem("contentType"));
        problem(as(ALICE).body(cover("image/png", 6_000_000)).post("/courses/{courseId}/assets", id).then(), 400, "validation")
                .body("errors.field", hasItem("contentLength"));
        problem(as(ALICE).body(cover("image/png", 0)).post("/courses/{courseId}/assets", id).then(), 400, "validation")
                .body("errors.field", hasItem("contentLength"));
        problem(as(ALICE).body(Map.of("kind", "lesson-file", "contentType", "video/mp4", "contentLength", 10))
                .post("/courses/{courseId}/assets", id).then(), 400, "validation").body("errors.field", hasItem("lessonId"));
        problem(as(ALICE).body(Map.of("kind", "lesson-file", "lessonId", "missing", "contentType", "video/mp4", "contentLength", 10))
                .post("/courses/{courseId}/assets", id).then(), 404, "not-found");
        problem(as(ALICE).body(Map.of("kind", "avatar", "contentType", "image/png", "contentLength", 10))
                .post("/courses/{courseId}/assets", id).then(), 400, "validation").body("errors.field", hasItem("kind"));
    }

    @Test
    void onlyTheOwnerOrAnAdminMayUpload() {
        String id = publishedCourse(ALICE, "Guarded uploads", "design");
        problem(as(TestTokens.instructor("bob")).body(cover("image/png", 10)).post("/courses/{courseId}/assets", id).then(), 403, "forbidden");
        problem(as(TestTokens.student("sam")).body(cover("image/png", 10)).post("/courses/{courseId}/assets", id).then(), 403, "forbidden");
        as(TestTokens.admin("root")).body(cover("image/png", 10)).post("/courses/{courseId}/assets", id).then().statusCode(200);
    }

    @Test
    void coverKeysFromAnotherCourseAreRefused() {
        String mine = createCourse(ALICE, "Mine", "design");
        Map<String, Object> edit = new HashMap<>(CourseApi.course("Mine", "design"));
        edit.put("coverImageKey", "courses/someone-else/cover/x.png");
        edit.put("version", 1);
        problem(as(ALICE).body(edit).put("/courses/{courseId}", mine).then(), 400, "validation").body("errors.field", hasItem("coverImageKey"));
    }
}
