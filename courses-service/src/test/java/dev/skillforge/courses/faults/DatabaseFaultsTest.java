package dev.skillforge.courses.faults;

import static dev.skillforge.web.testing.Http.anonymous;
import static dev.skillforge.web.testing.Http.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * A struggling database: throttling, 5xx and hangs injected under the SDK. Short bursts are absorbed by the SDK's
 * retries (backoff with jitter), bounded by the call timeouts; when they run out the caller gets a 503 problem with
 * Retry-After, never a 500 with internals, and nothing half-written is left behind.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@WithTestResource(DynaliteResource.class)
class DatabaseFaultsTest {

    static final String ALICE = TestTokens.instructor("alice");

    @AfterEach
    void heal() {
        DatabaseFaults.clear();
    }

    static int courseItems() {
        return (int) TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME)).items().stream()
                .filter(item -> "course".equals(item.get("entity").s())).count();
    }

    static ValidatableResponse unavailable(ValidatableResponse response) {
        return response.statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("type", containsString("unavailable"))
                .body(not(containsString("Exception"))).body(not(containsString("dynamodb"))).body(not(containsString("software.amazon")));
    }

    @Test
    void aShortBurstOfServerErrorsIsRetriedAway() {
        String id = as(ALICE).body(Map.of("title", "Survives errors", "category", "resilience")).post("/courses")
                .then().statusCode(201).extract().path("id");
        DatabaseFaults.failReads(2);
        as(ALICE).get("/courses/{courseId}", id).then().statusCode(200).body("title", equalTo("Survives errors"));
        assertEquals(2, DatabaseFaults.faulted(), "both failed attempts were retried");
    }

    @Test
    void whenRetriesRunOutTheCallerGets503WithRetryAfterAndNothingIsWritten() throws Exception {
        for (DatabaseFaults.Fault fault : List.of(DatabaseFaults.Fault.THROTTLING, DatabaseFaults.Fault.INTERNAL_ERROR,
                DatabaseFaults.Fault.UNAVAILABLE, DatabaseFaults.Fault.HANG)) {
            DatabaseFaults.arm(fault, -1);
            unavailable(as(ALICE).body(Map.of("title", "Never written", "category", "resilience")).post("/courses").then());
            unavailable(anonymous().get("/courses").then());
            int attempts = DatabaseFaults.faulted();
            assertTrue(attempts >= 2 && attempts <= 20, fault + ": retried, within the call timeout; saw " + attempts);
            DatabaseFaults.clear();
            assertEquals(0, courseItems(), fault + " left a course behind");
        }
    }

    @Test
    void aPostThatFailsWith503ReleasesItsIdempotencyKeySoTheRetryRuns() throws Exception {
        String id = as(ALICE).body(Map.of("title", "Publish later", "category", "resilience")).post("/courses")
                .then().statusCode(201).extract().path("id");
        as(ALICE).body(Map.of("title", "First lesson")).post("/courses/{courseId}/lessons", id).then().statusCode(201);
        // Publishing is one TransactWriteItems (the course and a check of its outline); the claim (PutItem) and its
        // release (DeleteItem) get through.
        DatabaseFaults.arm(DatabaseFaults.Fault.THROTTLING, -1, "TransactWriteItems");
        unavailable(as(ALICE).header("Idempotency-Key", "publish").header("If-Match", "\"1\"").post("/courses/{courseId}/publish", id).then());
        DatabaseFaults.clear();
        assertTrue(TestTable.get("idempotency#alice#publish", "idempotency").isEmpty(), "the key was released");
        as(ALICE).header("Idempotency-Key", "publish").header("If-Match", "\"1\"").post("/courses/{courseId}/publish", id).then().statusCode(200)
                .header("Idempotency-Replayed", (String) null).body("status", equalTo("published"));
    }
}
