package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The learner journey across every function, through the local cloud's single port with HTTP only: the same
 * Lambda runtime path, API Gateway routing, JWT authorizer and change stream as the README's run command.
 * Runs after the functions are packaged (failsafe, {@code ./mvnw verify}).
 */
class LearnerJourneyIT {

    private static LocalCloud cloud;
    private static Path gatewayLog;

    @BeforeAll
    static void startLocalCloud() throws Exception {
        gatewayLog = TestClouds.state("local-cloud-it").resolve("gateway.log");
        Files.deleteIfExists(gatewayLog);
        cloud = TestClouds.start("local-cloud-it", true, LearnerJourneyIT::record);
    }

    @AfterAll
    static void stopLocalCloud() {
        TestClouds.stop(cloud);
    }

    private static synchronized void record(String line) {
        System.out.println(line);
        try {
            Files.writeString(gatewayLog, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification as(String tokenVariable) {
        return given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + cloud.tokens().get(tokenVariable));
    }

    /** A browser's upload to a presigned URL: exactly the granted headers (type, If-None-Match: *), nothing added. */
    private static java.net.http.HttpResponse<String> upload(String url, String contentType, byte[] body) throws Exception {
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", contentType)
                    .header("If-None-Match", "*").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(cloud.baseUri().toString());
    }

    @Test
    void aLearnerFindsEnrollsLearnsPassesAndReviewsACourse() throws Exception {
        // The instructor creates, fills and publishes a course.
        String courseId = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", "Rust for Java developers", "category", "programming", "tags", List.of("rust", "systems"),
                        "description", "Ownership and borrowing, explained for people who know the JVM."))
                .post("/courses").then().statusCode(201).extract().path("id");
        // A cover upload grant: a presigned S3 PUT, signed inside the function (the SDK presigner, in every build mode).
        // The local S3 checks its signature, the role's s3:PutObject grant and the signed type and length, then stores it.
        JsonPath grant = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("kind", "cover", "contentType", "image/png", "contentLength", 2048))
                .post("/courses/" + courseId + "/assets").then().statusCode(200)
                .body("key", org.hamcrest.Matchers.startsWith("courses/" + courseId + "/cover/")).body("method", equalTo("PUT"))
                .body("url", org.hamcrest.Matchers.containsString("X-Amz-Signature=")).extract().jsonPath();
        byte[] cover = new byte[2048];
        java.util.Arrays.fill(cover, (byte) 7);
        assertEquals(200, upload(grant.getString("url"), "image/png", cover).statusCode());
        assertTrue(java.util.Arrays.equals(cover, cloud.s3().object(LocalCloud.ASSETS_BUCKET, grant.getString("key"))));
        java.net.http.HttpResponse<String> otherType = upload(grant.getString("url"), "image/jpeg", cover);
        assertEquals(403, otherType.statusCode());
        assertTrue(otherType.body().contains("SignatureDoesNotMatch"), otherType.body());
        assertEquals(412, upload(grant.getString("url"), "image/png", cover).statusCode(), "a grant's URL stores one file once");
        String firstLesson = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", "Ownership", "content", "Every value has one owner."))
                .post("/courses/" + courseId + "/lessons").then().statusCode(201).extract().path("id");
        JsonPath quizLesson = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", "Check: ownership", "quiz", Map.of("passMark", 50, "questions", List.of(
                        Map.of("prompt", "How many owners does a value have?", "options", List.of("one", "many"), "correctOption", 0),
                        Map.of("prompt", "Is a move a copy?", "options", List.of("yes", "no"), "correctOption", 1)))))
                .post("/courses/" + courseId + "/lessons").then().statusCode(201).extract().jsonPath();
        // a change names the version it is based on: the course as created, its ETag "1"
        as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).header("If-Match", "\"1\"").post("/courses/" + courseId + "/publish")
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("status", equalTo("published"));

        // A student finds it by search and enrolls.
        // The search index is the stream-processor's, read eventually consistent: it may take a moment, as on AWS.
        TestClouds.within(Duration.ofSeconds(5), () -> anonymous().queryParam("q", "rust").get("/courses/search"),
                response -> response.jsonPath().getList("items.id").contains(courseId));
        as("STUDENT_TOKEN").post("/enroll/" + courseId).then().statusCode(201);
        // Enrolling again (a retry after a lost answer) finds the enrollment instead of failing.
        as("STUDENT_TOKEN").post("/enroll/" + courseId).then().statusCode(200).body("courseId", equalTo(courseId));
        as("STUDENT_TOKEN").get("/me/enrollments").then().statusCode(200).body("items.courseId", hasItem(courseId));

        // Completes the lessons and passes the quiz (graded by the server; the answer key is never sent).
        as("STUDENT_TOKEN").get("/courses/" + courseId + "/lessons").then().statusCode(200)
                .body("access", equalTo("content")).body("lessons[1].hasQuiz", equalTo(true));
        as("STUDENT_TOKEN").get("/courses/" + courseId + "/lessons/" + quizLesson.getString("id")).then().statusCode(200)
                .body("quiz.questions[0].prompt", notNullValue())
                .body("quiz.questions[0].correctOption", equalTo(null));
        as("STUDENT_TOKEN").put("/progress/" + courseId + "/" + firstLesson).then().statusCode(200);
        List<String> questionIds = quizLesson.getList("quiz.questions.id");
        as("STUDENT_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("answers", Map.of(questionIds.get(0), 0, questionIds.get(1), 1)))
                .post("/progress/" + courseId + "/" + quizLesson.getString("id") + "/quiz")
                .then().statusCode(200).body("passed", equalTo(true));
        as("STUDENT_TOKEN").get("/me/progress/" + courseId).then().statusCode(200)
                .body("percentComplete", equalTo(100)).body("completedAt", notNullValue());

        // Reviews it; the stream-processor updates the rating and counts within 2 seconds.
        // Sent with an Idempotency-Key and retried: the retry is the stored answer (under the function's IAM policy: the
        // claim, its stored answer and the consistent read), and the review counts once below.
        String review = as("STUDENT_TOKEN").contentType(ContentType.JSON).header("Idempotency-Key", "journey-review")
                .body(Map.of("rating", 5, "title", "Finally clicked"))
                .post("/reviews/" + courseId).then().statusCode(201).extract().asString();
        as("STUDENT_TOKEN").contentType(ContentType.JSON).header("Idempotency-Key", "journey-review")
                .body(Map.of("rating", 5, "title", "Finally clicked"))
                .post("/reviews/" + courseId).then().statusCode(201).header("Idempotency-Replayed", equalTo("true"))
                .body(equalTo(review));
        JsonPath rating = TestClouds.within(Duration.ofSeconds(2), () -> anonymous().get("/courses/" + courseId + "/rating"),
                response -> response.jsonPath().getLong("reviewCount") == 1 && response.jsonPath().getLong("completionCount") == 1);
        assertEquals(5.0, rating.getDouble("average"));
        assertEquals(1, rating.getLong("enrollmentCount"));

        // The audit log shows each step, with the request's correlation id.
        JsonPath audit = TestClouds.within(Duration.ofSeconds(5), () -> as("ADMIN_TOKEN").queryParam("limit", 100).get("/admin/audit"),
                response -> response.jsonPath().getList("items.entity").containsAll(
                        List.of("course", "lesson", "enrollment", "progress", "review")));
        List<Map<String, Object>> entries = audit.getList("items");
        Set<String> courseActions = entries.stream().filter(entry -> entry.get("entity").equals("course"))
                .map(entry -> (String) entry.get("action")).collect(java.util.stream.Collectors.toSet());
        assertTrue(courseActions.containsAll(Set.of("created", "updated")), "course audit: " + courseActions);
        assertTrue(entries.stream().allMatch(entry -> entry.get("correlationId") != null), "every entry names its request");

        // A second student cannot read the first one's progress, review or enrollment list.
        as("STUDENT2_TOKEN").get("/me/progress/" + courseId).then().statusCode(403).body("percentComplete", equalTo(null));
        as("STUDENT2_TOKEN").delete("/reviews/" + courseId + "/student-1").then().statusCode(403);
        as("STUDENT2_TOKEN").get("/courses/" + courseId + "/enrollments").then().statusCode(403)
                .body(not(org.hamcrest.Matchers.containsString("student-1")));
    }

    @Test
    void theGatewayAnswersLikeApiGateway() {
        // What no route key matches reaches the stack's $default route: the function answers from the route table.
        anonymous().get("/no/such/route").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
        Response refused = anonymous().delete("/courses");
        refused.then().statusCode(405).body("type", equalTo("/problems/method-not-allowed"));
        assertEquals(List.of("GET", "HEAD", "POST"), refused.headers().getValues("Allow").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(","))).map(String::trim).toList());
        anonymous().post("/courses").then().statusCode(401).body("message", equalTo("Unauthorized"));
        given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer not-a-token")
                .get("/me").then().statusCode(401).body("message", equalTo("Unauthorized"));
        // Public routes have no authorizer: the function itself verifies a token that is sent, and refuses a bad one.
        given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer not-a-token")
                .get("/courses").then().statusCode(401).contentType("application/problem+json");
        // A literal segment wins over a parameter, as in API Gateway's route selection.
        anonymous().get("/courses/top-rated").then().statusCode(200).body("items", notNullValue());
        anonymous().get("/courses?limit=1").then().statusCode(200).header("apigw-requestid", notNullValue())
                .header("x-correlation-id", notNullValue());
    }

    @Test
    void theApiReferencePageCallsTheLiveApiWithAPastedTokenAndShowsACover() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
        boolean required = Boolean.getBoolean("browser.required");
        org.junit.jupiter.api.Assumptions.assumeTrue(required || Files.isExecutable(chromium),
                "no Chromium at " + chromium + " (install Debian's chromium package; CI requires it)");
        anonymous().get("/docs").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
        anonymous().get("/docs/openapi.json").then().statusCode(200)
                .body("servers[0].url", equalTo(cloud.baseUri().toString()))
                .body("paths.'/me/enrollments'.get.tags[0]", equalTo("enrollments-service"));

        // A published course with a real cover, which the page finds in the catalog and shows (the catalog is an
        // index: the course is listed a moment after it was published).
        Map<String, Object> course = Map.of("title", "Sketching for developers", "category", "design");
        String courseId = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(course).post("/courses")
                .then().statusCode(201).extract().path("id");
        String coverKey = CloudUploads.uploaded(as("INSTRUCTOR_TOKEN"), "/courses/" + courseId + "/assets", Map.of("kind", "cover"),
                "image/png", SampleMedia.png(320, 180, 0x3366CC));
        long version = CloudUploads.attachCover(as("INSTRUCTOR_TOKEN"), courseId, course, coverKey, 1);
        as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).body(Map.of("title", "Lines", "content", "Draw a line."))
                .post("/courses/" + courseId + "/lessons").then().statusCode(201);
        as("INSTRUCTOR_TOKEN").header("If-Match", "\"" + version + "\"").post("/courses/" + courseId + "/publish").then().statusCode(200);
        TestClouds.within(Duration.ofSeconds(5), () -> anonymous().queryParam("limit", 50).get("/courses"),
                response -> response.jsonPath().getList("items.coverImageUrl").stream().anyMatch(java.util.Objects::nonNull));

        Path root = TestClouds.root();
        Path script = root.resolve("tools/local-cloud/browser/docs-page.mjs");
        Path screenshot = root.resolve("tools/local-cloud/target/docs-page.png");
        Process browser = new ProcessBuilder("node", script.toString(), cloud.baseUri().toString(),
                cloud.tokens().get("STUDENT_TOKEN"), screenshot.toString())
                .redirectErrorStream(true).start();
        String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(browser.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "the browser check did not finish");
        assertEquals(0, browser.exitValue(), "browser check: " + output);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot was saved to " + screenshot);
    }
}
