package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.addLesson;
import static dev.skillforge.courses.api.CourseApi.course;
import static dev.skillforge.courses.api.CourseApi.createCourse;
import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static dev.skillforge.web.testing.Http.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.idempotency.Claim;
import dev.skillforge.data.idempotency.IdempotencyKeys;
import dev.skillforge.data.idempotency.IdempotencyRepository;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.Races;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@WithTestResource(DynaliteResource.class)
class IdempotencyTest {

    static final String ALICE = TestTokens.instructor("alice");
    static final String BOB = TestTokens.instructor("bob");
    static final String KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    /** Sent as a string, so the test knows the exact bytes the fingerprint hashes. */
    static final String JAVA_COURSE = "{\"title\":\"Java from zero\",\"category\":\"programming\"}";

    static long items(String entity) {
        return TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME)).items().stream()
                .filter(item -> entity.equals(item.get("entity").s())).count();
    }

    static ExtractableResponse<Response> postCourse(String token, String key, String body) {
        return as(token).header(KEY, key).body(body).post("/courses").then().extract();
    }

    @Test
    void aRetriedCreateAnswersTheFirstAnswerByteForByteAndCreatesNothing() {
        ExtractableResponse<Response> first = postCourse(ALICE, "create-1", JAVA_COURSE);
        assertEquals(201, first.statusCode());
        assertNull(first.header(REPLAYED));
        ExtractableResponse<Response> retry = postCourse(ALICE, "create-1", JAVA_COURSE);
        assertEquals(201, retry.statusCode());
        assertEquals("true", retry.header(REPLAYED));
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertEquals(first.contentType(), retry.contentType());
        assertEquals(1, items("course"));
        as(ALICE).get(first.header("Location").replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .body("title", equalTo("Java from zero"));
    }

    @Test
    void aRetriedLessonIsAddedOnce() {
        String id = createCourse(ALICE, "Lessons once", "programming");
        String lesson = "{\"title\":\"Only once\",\"content\":\"Body\"}";
        String first = as(ALICE).header(KEY, "lesson-1").body(lesson).post("/courses/{courseId}/lessons", id)
                .then().statusCode(201).extract().path("id");
        as(ALICE).header(KEY, "lesson-1").body(lesson).post("/courses/{courseId}/lessons", id)
                .then().statusCode(201).header(REPLAYED, "true").body("id", equalTo(first));
        as(ALICE).get("/courses/{courseId}/lessons", id).then().statusCode(200).body("lessons.size()", equalTo(1));
    }

    @Test
    void theSameKeyWithAnotherRequestIs422AndChangesNothing() {
        String id = postCourse(ALICE, "reused", JAVA_COURSE).path("id");
        problem(as(ALICE).header(KEY, "reused").body("{\"title\":\"Another course\",\"category\":\"programming\"}").post("/courses").then(),
                422, "idempotency-key-reused")
                .body("errors.field", hasItem(KEY));
        // Another route under the same key is another request too.
        problem(as(ALICE).header(KEY, "reused").header("If-Match", "\"1\"").post("/courses/{courseId}/publish", id).then(), 422,
                "idempotency-key-reused");
        assertEquals(1, items("course"));
        as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).body("title", equalTo("Java from zero")).body("status", equalTo("draft"));
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOnceAndTheOthersWaitOrGetTheAnswer() throws Exception {
        List<ExtractableResponse<Response>> sent = Races.atOnce(4, i -> postCourse(ALICE, "together", JAVA_COURSE));
        int created = 0;
        String createdId = null;
        List<ExtractableResponse<Response>> others = new ArrayList<>();
        for (ExtractableResponse<Response> response : sent) {
            if (response.statusCode() == 201 && response.header(REPLAYED) == null) {
                created++;
                createdId = response.path("id");
            } else {
                others.add(response);
            }
        }
        assertEquals(1, created);
        for (ExtractableResponse<Response> other : others) {
            if (other.statusCode() == 409) {
                assertEquals("/problems/idempotency-in-progress", other.path("type"));
                assertEquals("1", other.header("Retry-After"));
            } else {
                assertEquals(201, other.statusCode());
                assertEquals("true", other.header(REPLAYED));
                assertEquals(createdId, other.path("id"));
            }
        }
        assertEquals(1, items("course"));
    }

    @Test
    void anotherCallersSameKeyIsTheirsAlone() {
        String alices = postCourse(ALICE, "shared-key", JAVA_COURSE).path("id");
        ExtractableResponse<Response> bobs = postCourse(BOB, "shared-key", JAVA_COURSE);
        assertEquals(201, bobs.statusCode());
        assertNull(bobs.header(REPLAYED));
        assertEquals("bob", bobs.path("instructorId"));
        assertNotEquals(alices, bobs.path("id"));
        assertEquals(2, items("course"));
    }

    @Test
    void aRefusalIsKeptAndReplayedToo() {
        String id = createCourse(ALICE, "Not ready", "programming");
        problem(as(ALICE).header(KEY, "publish-1").header("If-Match", "\"1\"").post("/courses/{courseId}/publish", id).then(), 409,
                "invalid-state");
        addLesson(ALICE, id, "Now it has one");
        // The retry gets the answer the key stands for, not a second try under changed circumstances.
        problem(as(ALICE).header(KEY, "publish-1").header("If-Match", "\"1\"").post("/courses/{courseId}/publish", id).then(), 409,
                "invalid-state")
                .header(REPLAYED, "true");
        as(ALICE).get("/courses/{courseId}", id).then().body("status", equalTo("draft"));
        as(ALICE).header(KEY, "publish-2").header("If-Match", "\"1\"").post("/courses/{courseId}/publish", id).then().statusCode(200)
                .body("status", equalTo("published"));
    }

    @Test
    void aKeyThatIsNotOneToTwoHundredFiftyFivePrintableAsciiCharactersIs400() {
        for (String bad : List.of("k".repeat(256), "clé", "tab\there")) {
            problem(as(ALICE).header(KEY, bad).body(JAVA_COURSE).post("/courses").then(), 400, "validation")
                    .body("errors[0].field", equalTo(KEY))
                    .body("errors[0].message", equalTo("must be one value of 1 to 255 printable ASCII characters"));
        }
        postCourse(ALICE, "k".repeat(255), JAVA_COURSE);
        assertEquals(1, items("course"));
    }

    @Test
    void withoutTheHeaderEveryPostRunsAsBefore() {
        as(ALICE).body(JAVA_COURSE).post("/courses").then().statusCode(201);
        as(ALICE).body(JAVA_COURSE).post("/courses").then().statusCode(201);
        assertEquals(2, items("course"));
        assertEquals(0, items(IdempotencyKeys.ENTITY));
    }

    @Test
    void aRefusedCallerClaimsNothing() {
        problem(anonymous().header(KEY, "anon").body(JAVA_COURSE).post("/courses").then(), 401, "unauthorized");
        problem(as(TestTokens.student("sam")).header(KEY, "student").body(JAVA_COURSE).post("/courses").then(), 403, "forbidden");
        assertEquals(0, items(IdempotencyKeys.ENTITY));
    }

    @Test
    void theKeyIsStoredForADayWithTheRequestsFingerprint() throws Exception {
        postCourse(ALICE, "kept", JAVA_COURSE);
        Map<String, AttributeValue> item = TestTable.get("idempotency#alice#kept", IdempotencyKeys.SORT_KEY);
        assertEquals(IdempotencyKeys.ENTITY, item.get("entity").s());
        assertEquals("completed", item.get("state").s());
        assertEquals(fingerprint("/courses", JAVA_COURSE), item.get("fingerprint").s());
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        long inADay = Instant.now().plusSeconds(24 * 3600).getEpochSecond();
        assertTrue(Math.abs(expiresAt - inADay) < 60, "expiresAt " + expiresAt + " is 24 h ahead");
    }

    @Test
    void aClaimStillRunningIs409WithRetryAfterAndOneAbandonedPastItsLeaseIsTakenOver() throws Exception {
        IdempotencyRepository keys = new IdempotencyRepository(TestTable.table());
        Instant now = Instant.now();
        String fingerprint = fingerprint("/courses", JAVA_COURSE);
        keys.claim(new Claim("alice", "running", fingerprint, "other-request", now.plus(IdempotencyKeys.LEASE), now.plusSeconds(3600)), now);
        problem(as(ALICE).header(KEY, "running").body(JAVA_COURSE).post("/courses").then(), 409, "idempotency-in-progress")
                .header("Retry-After", "1");

        keys.claim(new Claim("alice", "cut-off", fingerprint, "timed-out-request", now.minusSeconds(1), now.plusSeconds(3600)), now);
        as(ALICE).header(KEY, "cut-off").body(JAVA_COURSE).post("/courses").then().statusCode(201).header(REPLAYED, (String) null);
        as(ALICE).header(KEY, "cut-off").body(JAVA_COURSE).post("/courses").then().statusCode(201).header(REPLAYED, "true");
        assertEquals(1, items("course"));
    }

    /** What IdempotentPosts stores: method, path, and the SHA-256 of the body bytes. */
    static String fingerprint(String path, String body) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        return "POST " + path + " sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
