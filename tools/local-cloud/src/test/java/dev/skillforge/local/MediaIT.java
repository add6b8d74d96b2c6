package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.skillforge.data.testing.s3.LocalObjectStore;
import dev.skillforge.local.identity.DevIdentity;

/**
 * Course media end to end through the local cloud: an instructor's real MP4 and PNG go from grant to the local S3 (SigV4
 * and the role's IAM checked) to attach (the object's type, size and first bytes checked); the cover is public through
 * the local CloudFront, the video plays by byte ranges from the signed URL an enrolled learner gets, and every other way
 * to the file is refused; replaced and deleted files are removed by the stream. Avatars and the demo data's covers too.
 */
class MediaIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static LocalCloud cloud;

    @BeforeAll
    static void startLocalCloud() throws Exception {
        cloud = TestClouds.start("media-it", false, line -> { });
    }

    @AfterAll
    static void stopLocalCloud() {
        TestClouds.stop(cloud);
    }

    @Test
    void aLessonVideoPlaysForItsLearnersOnlyAndReplacedOrDeletedFilesAreRemoved() throws Exception {
        Map<String, Object> course = Map.of("title", "Editing video for lessons", "category", "media",
                "description", "Cut, encode, upload.");
        String courseId = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(course).post("/courses")
                .then().statusCode(201).extract().path("id");
        String lessonId = addLesson(courseId, "Cutting");
        byte[] video = SampleMedia.mp4(6_000);
        String videoKey = CloudUploads.uploaded(as("INSTRUCTOR_TOKEN"), assets(courseId), lessonFile(lessonId), "video/mp4", video);
        assertTrue(videoKey.startsWith("courses/" + courseId + "/lessons/" + lessonId + "/"), videoKey);
        assertArrayEquals(video, cloud.s3().object(LocalCloud.ASSETS_BUCKET, videoKey));
        as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(Map.of("title", "Cutting", "videoKey", videoKey, "version", 1))
                .put("/courses/" + courseId + "/lessons/" + lessonId).then().statusCode(200).body("videoKey", equalTo(videoKey));
        byte[] cover = SampleMedia.png(64, 40, 0x3366CC);
        String coverKey = CloudUploads.uploaded(as("INSTRUCTOR_TOKEN"), assets(courseId), Map.of("kind", "cover"), "image/png", cover);
        long version = CloudUploads.attachCover(as("INSTRUCTOR_TOKEN"), courseId, course, coverKey, 1);
        version = as("INSTRUCTOR_TOKEN").header("If-Match", "\"" + version + "\"").post("/courses/" + courseId + "/publish")
                .then().statusCode(200).extract().jsonPath().getLong("version");

        // The cover is public through the CDN: anyone's browser loads it from the course's URL. (A visitor's read is
        // eventually consistent: the course is visible to them a moment after it was published.)
        String coverUrl = TestClouds.within(Duration.ofSeconds(5), () -> anonymous().get("/courses/" + courseId), response -> true)
                .getString("coverImageUrl");
        assertEquals(cloud.cdn().baseUri() + "/" + coverKey, coverUrl);
        assertServed(coverUrl, cover);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(fetch(coverUrl).body()));
        assertEquals(List.of(64, 40), List.of(image.getWidth(), image.getHeight()));

        // An enrolled learner (and the owner, and an admin) gets a signed URL that plays by byte ranges: the start, and a seek.
        as("STUDENT_TOKEN").post("/enroll/" + courseId).then().statusCode(201);
        String videoUrl = signedVideoUrl("STUDENT_TOKEN", courseId, lessonId, videoKey);
        assertRange(videoUrl, video, 0, 99);
        assertRange(videoUrl, video, 4_000, 4_511);
        signedVideoUrl("INSTRUCTOR_TOKEN", courseId, lessonId, videoKey);
        signedVideoUrl("ADMIN_TOKEN", courseId, lessonId, videoKey);

        // A learner who is not enrolled, and a visitor, read the lesson's outline fields only.
        for (RequestSpecification stranger : List.of(as("STUDENT2_TOKEN"), anonymous())) {
            stranger.get("/courses/" + courseId + "/lessons/" + lessonId).then().statusCode(200)
                    .body("title", equalTo("Cutting")).body("videoUrl", nullValue()).body("videoKey", nullValue());
        }
        // The CDN serves the lesson file only by the URL as it was signed.
        String otherKey = CloudUploads.uploaded(as("INSTRUCTOR_TOKEN"), assets(courseId), lessonFile(lessonId), "video/mp4",
                SampleMedia.mp4(1_000));
        String unsigned = cloud.cdn().baseUri() + "/" + videoKey;
        assertEquals(unsigned, videoUrl.substring(0, videoUrl.indexOf('?')));
        assertRefused(unsigned, "MissingKey");
        assertRefused(videoUrl.replace(videoKey, otherKey), "AccessDenied");
        assertRefused(withParameter(videoUrl, "Signature", signature -> (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1)),
                "AccessDenied");
        assertRefused(withParameter(videoUrl, "Expires", expires -> String.valueOf(Long.parseLong(expires) + 86_400)), "AccessDenied");
        // The bucket itself is private: no object is served without a signature, a cover included.
        for (String key : List.of(videoKey, coverKey)) {
            HttpResponse<byte[]> direct = fetch(cloud.s3().endpoint() + "/" + LocalCloud.ASSETS_BUCKET + "/" + key);
            assertEquals(403, direct.statusCode(), key);
            assertTrue(new String(direct.body(), StandardCharsets.UTF_8).contains("AccessDenied"), key);
        }

        // A replaced cover goes once the stream has seen the change; the new one and the video stay.
        byte[] newCover = SampleMedia.png(64, 40, 0xCC6633);
        String newCoverKey = CloudUploads.uploaded(as("INSTRUCTOR_TOKEN"), assets(courseId), Map.of("kind", "cover"), "image/png", newCover);
        version = CloudUploads.attachCover(as("INSTRUCTOR_TOKEN"), courseId, course, newCoverKey, version);
        TestClouds.await(Duration.ofSeconds(60), "the replaced cover deleted", () -> stored(coverKey) == null);
        TestClouds.awaitStream(cloud);
        assertTrue(stored(newCoverKey) != null && stored(videoKey) != null, "the new cover and the video are kept");
        assertEquals(403, fetch(coverUrl).statusCode(), "the old cover's URL");
        assertServed(cloud.cdn().baseUri() + "/" + newCoverKey, newCover);

        // A deleted course's files go too: its cover with it, its lessons' files through its cascade.
        as("INSTRUCTOR_TOKEN").header("If-Match", "\"" + version + "\"").delete("/courses/" + courseId).then().statusCode(204);
        TestClouds.await(Duration.ofSeconds(60), "the deleted course's cover and lesson file deleted",
                () -> stored(newCoverKey) == null && stored(videoKey) == null);
        assertEquals(403, fetch(videoUrl).statusCode(), "a signed URL of a deleted file");
    }

    @Test
    void aKeyAttachesOnlyOnceItsGrantedFileIsUploadedAndIsOfItsType() throws Exception {
        Map<String, Object> course = Map.of("title", "Checked uploads", "category", "media");
        String courseId = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(course).post("/courses")
                .then().statusCode(201).extract().path("id");
        String lessonId = addLesson(courseId, "Nothing uploaded");
        String neverUploaded = CloudUploads.grant(as("INSTRUCTOR_TOKEN"), assets(courseId), lessonFile(lessonId), "video/mp4", 2_000)
                .getString("key");
        refusedField(as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", "Nothing uploaded", "videoKey", neverUploaded, "version", 1))
                .put("/courses/" + courseId + "/lessons/" + lessonId), "videoKey");
        String noCover = CloudUploads.grant(as("INSTRUCTOR_TOKEN"), assets(courseId), Map.of("kind", "cover"), "image/png", 500)
                .getString("key");
        refusedField(coverEdit(courseId, course, noCover), "coverImageKey");
        // The granted type and size, stored by S3 as image/png, but a GIF: the first bytes decide.
        byte[] gif = Arrays.copyOf("GIF89a".getBytes(StandardCharsets.US_ASCII), 600);
        String disguised = CloudUploads.uploaded(as("INSTRUCTOR_TOKEN"), assets(courseId), Map.of("kind", "cover"), "image/png", gif);
        refusedField(coverEdit(courseId, course, disguised), "coverImageKey");
        // Nothing was written.
        as("INSTRUCTOR_TOKEN").get("/courses/" + courseId).then().statusCode(200).body("version", equalTo(1))
                .body("coverImageKey", nullValue());
        as("INSTRUCTOR_TOKEN").get("/courses/" + courseId + "/lessons/" + lessonId).then().statusCode(200)
                .body("version", equalTo(1)).body("videoKey", nullValue());
    }

    @Test
    void aStudentsAvatarShowsInTheProfileAndIsPublicUntilReplaced() throws Exception {
        byte[] picture = SampleMedia.png(48, 48, 0x884499);
        String key = CloudUploads.uploaded(as("STUDENT_TOKEN"), "/me/avatar", Map.of(), "image/png", picture);
        assertTrue(key.startsWith("users/" + DemoData.STUDENT.id() + "/avatar/"), key);
        String avatarUrl = setAvatar(key).getString("avatarUrl");
        assertEquals(cloud.cdn().baseUri() + "/" + key, avatarUrl);
        assertServed(avatarUrl, picture);

        byte[] newPicture = SampleMedia.png(48, 48, 0x449988);
        String newKey = CloudUploads.uploaded(as("STUDENT_TOKEN"), "/me/avatar", Map.of(), "image/png", newPicture);
        setAvatar(newKey);
        TestClouds.await(Duration.ofSeconds(60), "the replaced avatar deleted", () -> stored(key) == null);
        assertServed(cloud.cdn().baseUri() + "/" + newKey, newPicture);
    }

    @Test
    void theDemoDataGivesItsPublishedCoursesCoversTheCdnServes() throws Exception {
        Map<DevIdentity.User, String> byUser = new LinkedHashMap<>();
        DemoData.USERS.forEach((variable, user) -> byUser.put(user, cloud.tokens().get(variable)));
        new DemoData(cloud.baseUri(), byUser).seed();
        // The catalog is an index: it shows the published courses a moment after they were published.
        JsonPath catalog = TestClouds.within(Duration.ofSeconds(10), () -> anonymous().queryParam("limit", 50).get("/courses"),
                response -> response.jsonPath().getList("items.title").contains("Java on AWS Lambda"));
        String coverUrl = catalog.getString("items.find { it.title == 'Java on AWS Lambda' }.coverImageUrl");
        HttpResponse<byte[]> cover = fetch(coverUrl);
        assertEquals(200, cover.statusCode(), coverUrl);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(cover.body()));
        assertEquals(List.of(320, 180), List.of(image.getWidth(), image.getHeight()));
    }

    private static RequestSpecification as(String tokenVariable) {
        return given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + cloud.tokens().get(tokenVariable));
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(cloud.baseUri().toString());
    }

    private static String assets(String courseId) {
        return "/courses/" + courseId + "/assets";
    }

    private static Map<String, Object> lessonFile(String lessonId) {
        return Map.of("kind", "lesson-file", "lessonId", lessonId);
    }

    private static String addLesson(String courseId, String title) {
        return as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(Map.of("title", title, "content", "Lesson text."))
                .post("/courses/" + courseId + "/lessons").then().statusCode(201).extract().path("id");
    }

    private static Response coverEdit(String courseId, Map<String, Object> course, String key) {
        Map<String, Object> edit = new LinkedHashMap<>(course);
        edit.put("coverImageKey", key);
        edit.put("version", 1);
        return as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(edit).put("/courses/" + courseId);
    }

    private static void refusedField(Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    /** Puts the key on the student's profile (name kept, at the profile's version); the profile read afterwards. */
    private static JsonPath setAvatar(String key) {
        JsonPath me = as("STUDENT_TOKEN").get("/me").then().statusCode(200).extract().jsonPath();
        as("STUDENT_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("name", me.getString("name"), "avatarKey", key, "version", me.getLong("version")))
                .put("/me").then().statusCode(200);
        return as("STUDENT_TOKEN").get("/me").then().statusCode(200).body("avatarKey", equalTo(key))
                .body("avatarUrl", notNullValue()).extract().jsonPath();
    }

    /** The lesson as the caller reads it: its file's signed URL on the CDN, with the time it expires. */
    private static String signedVideoUrl(String tokenVariable, String courseId, String lessonId, String videoKey) {
        JsonPath lesson = as(tokenVariable).get("/courses/" + courseId + "/lessons/" + lessonId).then().statusCode(200)
                .body("videoKey", equalTo(videoKey)).body("videoUrlExpiresAt", notNullValue()).extract().jsonPath();
        String url = lesson.getString("videoUrl");
        assertTrue(url.startsWith(cloud.cdn().baseUri() + "/" + videoKey + "?"), tokenVariable + ": " + url);
        return url;
    }

    /** A stored object of the assets bucket, or null. */
    private static LocalObjectStore.StoredObject stored(String key) {
        return cloud.s3().store().find(LocalCloud.ASSETS_BUCKET, key).orElse(null);
    }

    private static String withParameter(String url, String name, UnaryOperator<String> change) {
        String prefix = name + "=";
        int start = url.indexOf(prefix, url.indexOf('?')) + prefix.length();
        int end = url.indexOf('&', start) < 0 ? url.length() : url.indexOf('&', start);
        return url.substring(0, start) + change.apply(url.substring(start, end)) + url.substring(end);
    }

    private static HttpResponse<byte[]> fetch(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertServed(String url, byte[] expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> served = fetch(url);
        assertEquals(200, served.statusCode(), url);
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(null), url);
        assertArrayEquals(expected, served.body(), url);
    }

    private static void assertRange(String url, byte[] file, int first, int last) throws IOException, InterruptedException {
        HttpResponse<byte[]> part = fetch(url, "Range", "bytes=" + first + "-" + last);
        assertEquals(206, part.statusCode(), new String(part.body(), StandardCharsets.UTF_8));
        assertEquals("bytes " + first + "-" + last + "/" + file.length, part.headers().firstValue("Content-Range").orElse(null));
        assertEquals("video/mp4", part.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(Arrays.copyOfRange(file, first, last + 1), part.body());
    }

    private static void assertRefused(String url, String code) throws IOException, InterruptedException {
        HttpResponse<byte[]> refused = fetch(url);
        String body = new String(refused.body(), StandardCharsets.UTF_8);
        assertEquals(403, refused.statusCode(), url + ": " + body);
        assertTrue(body.contains("<Code>" + code + "</Code>"), url + ": " + body);
    }
}
