package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.problem;
import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
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

    @Test
    void ownerGetsAShortLivedPresignedPutForACover() {
        String id = createCourse(ALICE, "With cover", "design");
        String key = as(ALICE).body(cover("image/png", 200_000)).post("/courses/{id}/assets", id)
                .then().statusCode(201)
                .body("method", equalTo("PUT"))
                .body("key", startsWith("courses/" + id + "/cover/"))
                .body("url", containsString("skillforge-assets-local"))
                .body("url", containsString("X-Amz-Expires=300"))
                .body("url", containsString("X-Amz-Signature="))
                .body("url", containsString("content-length%3Bcontent-type"))
                .body("headers.'Content-Type'", equalTo("image/png"))
                .body("headers.'Content-Length'", equalTo("200000"))
                .extract().path("key");

        Map<String, Object> edit = new HashMap<>(CourseApi.course("With cover", "design"));
        edit.put("coverImageKey", key);
        edit.put("version", 1);
        as(ALICE).body(edit).put("/courses/{id}", id).then().statusCode(200).body("coverImageKey", equalTo(key));
    }

    @Test
    void lessonFilesGoUnderTheirLesson() {
        String id = createCourse(ALICE, "With video", "design");
        String lesson = addLesson(ALICE, id, "Video lesson");
        String key = as(ALICE).body(Map.of("kind", "lesson-file", "lessonId", lesson, "contentType", "video/mp4",
                        "contentLength", 50_000_000)).post("/courses/{id}/assets", id)
                .then().statusCode(201)
                .body("key", startsWith("courses/" + id + "/lessons/" + lesson + "/"))
                .extract().path("key");
        as(ALICE).body(Map.of("title", "Video lesson", "videoKey", key, "version", 1))
                .put("/courses/{id}/lessons/{l}", id, lesson).then().statusCode(200).body("videoKey", equalTo(key));
    }

    @Test
    void typesSizesAndLessonsAreChecked() {
        String id = createCourse(ALICE, "Checked", "design");
        problem(as(ALICE).body(cover("application/x-msdownload", 10)).post("/courses/{id}/assets", id).then(), 400, "validation")
                .body("errors.field", hasItem("contentType"));
        problem(as(ALICE).body(cover("image/png", 6_000_000)).post("/courses/{id}/assets", id).then(), 400, "validation")
                .body("errors.field", hasItem("contentLength"));
        problem(as(ALICE).body(cover("image/png", 0)).post("/courses/{id}/assets", id).then(), 400, "validation")
                .body("errors.field", hasItem("contentLength"));
        problem(as(ALICE).body(Map.of("kind", "lesson-file", "contentType", "video/mp4", "contentLength", 10))
                .post("/courses/{id}/assets", id).then(), 400, "validation").body("errors.field", hasItem("lessonId"));
        problem(as(ALICE).body(Map.of("kind", "lesson-file", "lessonId", "missing", "contentType", "video/mp4", "contentLength", 10))
                .post("/courses/{id}/assets", id).then(), 404, "not-found");
        problem(as(ALICE).body(Map.of("kind", "avatar", "contentType", "image/png", "contentLength", 10))
                .post("/courses/{id}/assets", id).then(), 400, "validation").body("errors.field", hasItem("kind"));
    }

    @Test
    void onlyTheOwnerOrAnAdminMayUpload() {
        String id = publishedCourse(ALICE, "Guarded uploads", "design");
        problem(as(TestTokens.instructor("bob")).body(cover("image/png", 10)).post("/courses/{id}/assets", id).then(), 403, "forbidden");
        problem(as(TestTokens.student("sam")).body(cover("image/png", 10)).post("/courses/{id}/assets", id).then(), 403, "forbidden");
        as(TestTokens.admin("root")).body(cover("image/png", 10)).post("/courses/{id}/assets", id).then().statusCode(201);
    }

    @Test
    void coverKeysFromAnotherCourseAreRefused() {
        String mine = createCourse(ALICE, "Mine", "design");
        Map<String, Object> edit = new HashMap<>(CourseApi.course("Mine", "design"));
        edit.put("coverImageKey", "courses/someone-else/cover/x.png");
        edit.put("version", 1);
        problem(as(ALICE).body(edit).put("/courses/{id}", mine).then(), 400, "validation").body("errors.field", hasItem("coverImageKey"));
    }
}
