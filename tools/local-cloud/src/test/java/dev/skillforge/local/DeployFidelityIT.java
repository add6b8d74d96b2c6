package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.local.iam.Policy;
import dev.skillforge.local.lambda.LambdaRuntimeApi;

/**
 * What AWS does that a kinder local world would hide, proved on the running local cloud: the role policies from the
 * synthesized template are enforced (a grant taken away is an AccessDenied; the course cascade's GSI1 query runs under
 * the stream-processor's policy), no other call is denied and the functions leave their read-only packages alone
 * (checked when the cloud stops), both kinds of Cognito token name the same caller, and the stream-processor's
 * exactly-once check cannot be fooled by an eventually consistent read.
 */
class DeployFidelityIT {

    private static LocalCloud cloud;

    @BeforeAll
    static void startLocalCloud() throws Exception {
        cloud = TestClouds.start("deploy-fidelity-it", false, line -> { });
    }

    @AfterAll
    static void stopLocalCloud() {
        if (cloud == null) {
            return;
        }
        try {
            TestClouds.unwatch(cloud);
            // Only the denials aGrantTakenAway... and aFailingRecordsConsumer... provoke, whatever order the tests ran in.
            assertTrue(cloud.accessDenials().stream().allMatch(DeployFidelityIT::deliberate), cloud.accessDenials().toString());
            assertEquals(Map.of(), cloud.taskRootChanges());
        } finally {
            cloud.close();
        }
    }

    /** The denials this class provokes on purpose (its other tests take a grant away); any other is a missing grant. */
    private static boolean deliberate(dev.skillforge.local.dynamodb.DynamoDbEndpoint.Denial denial) {
        return (denial.action().equals("dynamodb:Query") && denial.functionName().endsWith(dev.skillforge.web.routes.RouteTable.COURSES))
                || (denial.action().equals("dynamodb:BatchWriteItem") && denial.functionName().endsWith(StreamConsumer.RECORDS.functionName()));
    }

    @Test
    void aFailingRecordsConsumerHoldsBackNoCounterAndCatchesUpAfterwards() throws Exception {
        String courseId = publishedCourse("Failure domains");
        TestClouds.awaitStream(cloud);
        // The records consumer can no longer write audit entries (nor park what fails): every batch of it fails.
        String records = "skillforge-dev-" + StreamConsumer.RECORDS.functionName();
        Policy granted = cloud.credentials().policyOf(records);
        cloud.credentials().replacePolicy(records, granted.without("dynamodb:BatchWriteItem"));
        try {
            as("STUDENT_TOKEN").post("/enroll/" + courseId).then().statusCode(201);
            long deadline = System.currentTimeMillis() + 10_000;
            while (given().baseUri(cloud.baseUri().toString()).get("/courses/" + courseId + "/rating").jsonPath().getInt("enrollmentCount") != 1) {
                assertTrue(System.currentTimeMillis() < deadline, "the counter waited for the failing audit log");
                Thread.sleep(100);
            }
            assertFalse(enrollmentAudited(courseId), "the audit consumer is failing: no entry yet");
            assertTrue(cloud.accessDenials().stream().anyMatch(denial -> denial.functionName().endsWith(StreamConsumer.RECORDS.functionName())),
                    "the records consumer was refused");
        } finally {
            cloud.credentials().replacePolicy(records, granted);
        }
        // Its mapping retries the batch: the entry appears once the cause is gone.
        long deadline = System.currentTimeMillis() + 30_000;
        while (!enrollmentAudited(courseId)) {
            assertTrue(System.currentTimeMillis() < deadline, "the audit log did not catch up");
            Thread.sleep(200);
        }
    }

    private static boolean enrollmentAudited(String courseId) {
        List<String> ids = as("ADMIN_TOKEN").queryParam("limit", 100).get("/admin/audit").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.entity == 'enrollment' }.id");
        return ids.stream().anyMatch(id -> id.endsWith(":" + courseId));
    }

    private static RequestSpecification as(String tokenVariable) {
        return given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + cloud.tokens().get(tokenVariable));
    }

    private static String publishedCourse(String title) {
        String courseId = as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", title, "category", "programming", "tags", List.of("fidelity")))
                .post("/courses").then().statusCode(201).extract().path("id");
        as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON)
                .body(Map.of("title", "Lesson one", "content", "Something to learn."))
                .post("/courses/" + courseId + "/lessons").then().statusCode(201);
        as("INSTRUCTOR_TOKEN").contentType(ContentType.JSON).header("If-Match", "\"1\"").post("/courses/" + courseId + "/publish")
                .then().statusCode(200);
        return courseId;
    }

    @Test
    void bothKindsOfCognitoTokenPassTheAuthorizerAndTheFunctions() {
        // What API Gateway's JWT authorizer accepts (audience = the app client: aud or client_id), the functions accept too.
        String courseId = publishedCourse("Two kinds of token");
        String access = cloud.identity().accessToken(DemoData.STUDENT_3, 5);
        String id = cloud.identity().idToken(DemoData.STUDENT_3, 5);
        given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + access).post("/enroll/" + courseId)
                .then().statusCode(201);
        // Both name the same user: each sees the enrollment the other made.
        for (String token : List.of(access, id)) {
            List<String> enrolled = given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + token)
                    .get("/me/enrollments").then().statusCode(200).extract().jsonPath().getList("items.courseId");
            assertTrue(enrolled.contains(courseId), enrolled.toString());
        }
    }

    @Test
    void aGrantTakenAwayIsAnAccessDeniedAndTheRequestFailsCleanly() {
        String function = "skillforge-dev-" + dev.skillforge.web.routes.RouteTable.COURSES;
        Policy granted = cloud.credentials().policyOf(function);
        int deniedBefore = cloud.accessDenials().size();
        cloud.credentials().replacePolicy(function, granted.without("dynamodb:Query"));
        try {
            // The catalog list is a GSI1 Query: refused by IAM, answered as a problem without internals.
            given().baseUri(cloud.baseUri().toString()).get("/courses").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(500))
                    .contentType("application/problem+json")
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("AccessDenied")));
        } finally {
            cloud.credentials().replacePolicy(function, granted);
        }
        List<dev.skillforge.local.dynamodb.DynamoDbEndpoint.Denial> denials = cloud.accessDenials();
        assertEquals(deniedBefore + 1, denials.size(), denials.toString());
        assertEquals("dynamodb:Query", denials.getLast().action());
        assertTrue(denials.getLast().resource().endsWith("/index/GSI1"), denials.getLast().resource());
        given().baseUri(cloud.baseUri().toString()).get("/courses").then().statusCode(200);
    }

    @Test
    void aReplayWithinTheReadLagCountsAnEnrollmentOnce() throws Exception {
        String courseId = publishedCourse("Replays and stale reads");
        TestClouds.awaitStream(cloud);
        // A lag no test step outlasts: whatever the processor writes now is invisible to eventually consistent reads.
        Duration lag = cloud.readReplica().lag();
        cloud.readReplica().lag(Duration.ofSeconds(20));
        try {
            as("STUDENT_TOKEN").post("/enroll/" + courseId).then().statusCode(201);
            TestClouds.awaitStream(cloud);
            ObjectNode enrollment = cloud.recentStreamRecords().stream()
                    .filter(record -> record.path("eventName").asText().equals("INSERT"))
                    .filter(record -> record.path("dynamodb").path("NewImage").path("entity").path("S").asText().equals("enrollment"))
                    .filter(record -> record.path("dynamodb").path("NewImage").toString().contains(courseId))
                    .reduce((first, second) -> second).orElseThrow();
            // The mapping retries a batch after a partial failure: the same record again, moments after its marker was written.
            LambdaRuntimeApi.Result replay = cloud.deliverToStreamConsumer(dev.skillforge.data.table.StreamConsumer.AGGREGATES, List.of(enrollment));
            assertFalse(replay.error(), replay.text());
            assertTrue(replay.text().contains("\"batchItemFailures\":[]"), replay.text());
        } finally {
            cloud.readReplica().lag(lag);
            cloud.readReplica().awaitCaughtUp();
        }
        Thread.sleep(lag.toMillis() + 100);
        given().baseUri(cloud.baseUri().toString()).get("/courses/" + courseId + "/rating").then().statusCode(200)
                .body("enrollmentCount", equalTo(1));
    }

    @Test
    void noFunctionWasDeniedAnythingItsCodeDoesAndNoneWroteIntoItsPackage() throws Exception {
        String courseId = publishedCourse("Least privilege");
        as("STUDENT_TOKEN").post("/enroll/" + courseId).then().statusCode(201);
        as("STUDENT_TOKEN").contentType(ContentType.JSON).body(Map.of("rating", 5, "title", "Clear and short"))
                .post("/reviews/" + courseId).then().statusCode(201);
        TestClouds.awaitStream(cloud);
        // The course cascade: the stream-processor finds the course's enrollments on GSI1 (a grant the first template
        // lacked) and deletes them. The enrollment is older than the read lag, as it would be on AWS.
        Thread.sleep(cloud.readReplica().lag().toMillis() + 100);
        as("INSTRUCTOR_TOKEN").header("If-Match", "\"2\"").delete("/courses/" + courseId).then().statusCode(204);
        TestClouds.awaitStream(cloud);
        long deadline = System.currentTimeMillis() + 10_000;
        while (as("STUDENT_TOKEN").get("/me/enrollments").jsonPath().getList("items.courseId").contains(courseId)) {
            assertTrue(System.currentTimeMillis() < deadline, "the cascade did not remove the enrollment");
            Thread.sleep(100);
        }
        assertTrue(cloud.accessDenials().stream().allMatch(DeployFidelityIT::deliberate), cloud.accessDenials().toString());
        assertEquals(Map.of(), cloud.taskRootChanges());
    }
}
