package dev.skillforge.local;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import dev.skillforge.data.testing.TestTable;
import dev.skillforge.data.testing.cognito.LocalCognito;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.local.identity.DevIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's life as an admin manages it, end to end through the local cloud: the user pool (Cognito-compatible, IAM on
 * its ARN), the functions in Lambda mode, the stream feeding the erasure and the aggregates. A role change shows in a
 * refreshed token; a user deleted while their own requests keep arriving ends with nothing of theirs left and the
 * course's rating exactly what the other reviews make it.
 */
class UserLifecycleIT {

    private static LocalCloud cloud;
    private static String admin;
    private static String owner;

    @BeforeAll
    static void start() throws Exception {
        cloud = TestClouds.start("local-cloud-users", false, line -> { });
        Map<String, String> tokens = TestClouds.tokens(cloud.identity(), 60);
        admin = tokens.get("root");
        owner = tokens.get("owner");
    }

    @AfterAll
    static void stop() {
        TestClouds.stop(cloud);
    }

    @Test
    void aRoleChangeReachesTheUserThroughARefreshedTokenAndTheOldOneStopsWriting() throws Exception {
        LocalCognito pool = cloud.cognito();
        String refresh = signedInStudent("life-promoted", "Pia Promoted");
        String student = pool.refresh(refresh).accessToken();
        with(student).get("/me").then().statusCode(200);
        with(student).contentType(ContentType.JSON).body(Map.of("title", "Not yet", "category", "life")).post("/courses").then().statusCode(403);

        with(admin).contentType(ContentType.JSON).body(Map.of("role", "instructor")).put("/admin/users/life-promoted/role")
                .then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("instructor"));
        with(student).contentType(ContentType.JSON).body(Map.of("name", "Pia", "version", 1)).put("/me").then().statusCode(401);
        Thread.sleep(1_100); // a token minted in the same second as the change is refused too (whole-second token times)
        String instructor = pool.refresh(refresh).accessToken();
        with(instructor).contentType(ContentType.JSON).body(Map.of("title", "Now I teach", "category", "life")).post("/courses")
                .then().statusCode(201);
        with(instructor).get("/me").then().statusCode(200).body("role", org.hamcrest.Matchers.equalTo("instructor"));
        // The change is in the audit log under the user's id, with the role and no personal data.
        String audit = awaitAudit("life-promoted");
        assertTrue(audit.contains("instructor") && !audit.contains("life-promoted@skillforge.local") && !audit.contains("Pia"), audit);
    }

    @Test
    void aDisabledUserCannotSignInOrRefreshAndSignsInAgainOnceEnabled() throws Exception {
        LocalCognito pool = cloud.cognito();
        String refresh = signedInStudent("life-paused", "Pat Paused");
        String token = pool.refresh(refresh).accessToken();
        with(token).get("/me").then().statusCode(200);

        with(admin).post("/admin/users/life-paused/disable").then().statusCode(200).body("enabled", org.hamcrest.Matchers.equalTo(false));
        with(token).contentType(ContentType.JSON).body(Map.of("name", "Pat", "version", 1)).put("/me").then().statusCode(401);
        LocalCognito.CognitoError refused = org.junit.jupiter.api.Assertions.assertThrows(LocalCognito.CognitoError.class,
                () -> pool.refresh(refresh));
        assertEquals("NotAuthorizedException", refused.code());
        // The list is an index, which lags the profile by moments (the local cloud's replica too).
        Object listed = null;
        for (int attempt = 0; attempt < 40 && !Boolean.TRUE.equals(listed); attempt++) {
            Thread.sleep(attempt == 0 ? 0 : 250);
            listed = with(admin).queryParam("role", "student").queryParam("limit", 100).get("/admin/users").then().statusCode(200)
                    .extract().path("items.find { it.id == 'life-paused' }.disabled");
        }
        assertEquals(Boolean.TRUE, listed, "the admin's list shows the user disabled");

        with(admin).post("/admin/users/life-paused/enable").then().statusCode(200).body("enabled", org.hamcrest.Matchers.equalTo(true));
        with(token).contentType(ContentType.JSON).body(Map.of("name", "Pat", "version", 1)).put("/me").then().statusCode(401);
        Thread.sleep(1_100); // a token minted in the same second as the disable is refused too
        String again = pool.refresh(pool.signIn("life-paused")).accessToken();
        with(again).contentType(ContentType.JSON).body(Map.of("name", "Pat", "version", 3)).put("/me").then().statusCode(200);
    }

    @Test
    void aUserDeletedWhileTheirRequestsKeepArrivingLeavesNothingAndTheRatingsAreExact() throws Exception {
        String first = publishedCourse("Life first");
        String second = publishedCourse("Life second");
        LocalCognito pool = cloud.cognito();
        String victim = pool.refresh(signedInStudent("life-victim", "Vic Victim")).accessToken();
        String bystander = pool.refresh(signedInStudent("life-bystander", "Bea Bystander")).accessToken();
        for (String token : List.of(victim, bystander)) {
            with(token).post("/enroll/" + first).then().statusCode(201);
        }
        with(victim).contentType(ContentType.JSON).body(Map.of("rating", 5, "title", "Victim's view")).post("/reviews/" + first).then().statusCode(201);
        with(bystander).contentType(ContentType.JSON).body(Map.of("rating", 2, "title", "Meh")).post("/reviews/" + first).then().statusCode(201);
        with(victim).put("/progress/" + first + "/" + firstLesson(first)).then().statusCode(200);
        awaitRating(first, 2);

        // The victim keeps enrolling and reviewing while an admin deletes them.
        AtomicBoolean deleted = new AtomicBoolean();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        CompletableFuture<Void> victimTraffic = CompletableFuture.runAsync(() -> {
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                statuses.merge(with(victim).post("/enroll/" + second).statusCode(), 1, Integer::sum);
                statuses.merge(with(victim).contentType(ContentType.JSON).body(Map.of("rating", 1, "title", "Parting shot"))
                        .post("/reviews/" + second).statusCode(), 1, Integer::sum);
                statuses.merge(with(victim).delete("/enroll/" + second).statusCode(), 1, Integer::sum);
            }
        });
        Thread.sleep(700);
        with(admin).delete("/admin/users/life-victim").then().statusCode(204);
        deleted.set(true);
        victimTraffic.join();
        assertTrue(statuses.getOrDefault(401, 0) > 0, "the victim's requests were refused after the delete: " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(status -> status < 500), "no 5xx: " + statuses);
        assertFalse(pool.find("life-victim").isPresent());

        awaitErasure("life-victim");
        try (DynamoDbClient table = TestTable.clientFor(cloud.dynaliteEndpoint())) {
            List<String> left = table.query(b -> b.tableName(LocalCloud.TABLE).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition("life-victim"))))
                    .consistentRead(true)).items().stream().map(item -> item.get("SK").s()).toList();
            assertEquals(List.of(UserKeys.ACCOUNT), left, "only the account item, which expires once the user's tokens have");
            for (String course : List.of(first, second)) {
                assertFalse(table.getItem(b -> b.tableName(LocalCloud.TABLE).consistentRead(true).key(Map.of(
                        "PK", AttributeValue.fromS("course#" + course), "SK", AttributeValue.fromS("review#life-victim")))).hasItem(),
                        "the victim's review of " + course);
            }
        }
        Response rating = awaitRating(first, 1);
        assertEquals(2.0, rating.jsonPath().getDouble("average"), 0.001);
        assertEquals(1, rating.jsonPath().getLong("enrollmentCount"));
        Response other = awaitRating(second, 0);
        assertEquals(0, other.jsonPath().getLong("enrollmentCount"));
        // The bystander's things are untouched.
        with(bystander).get("/me/enrollments/" + first).then().statusCode(200);
    }

    /** A new student in the local user pool, signed in: their refresh token. */
    private static String signedInStudent(String id, String name) {
        cloud.cognito().createUser(id, id + "@skillforge.local", name, List.of("student"));
        return cloud.cognito().signIn(id);
    }

    private static RequestSpecification with(String token) {
        return given().baseUri(cloud.baseUri().toString()).header("Authorization", "Bearer " + token);
    }

    private static String publishedCourse(String title) {
        String course = with(owner).contentType(ContentType.JSON).body(Map.of("title", title, "category", "life")).post("/courses")
                .then().statusCode(201).extract().path("id");
        with(owner).contentType(ContentType.JSON).body(Map.of("title", "Lesson", "content", "text")).post("/courses/" + course + "/lessons")
                .then().statusCode(201);
        with(owner).header("If-Match", "\"1\"").post("/courses/" + course + "/publish").then().statusCode(200);
        return course;
    }

    private static String firstLesson(String course) {
        return given().baseUri(cloud.baseUri().toString()).get("/courses/" + course + "/lessons").then().statusCode(200)
                .extract().path("lessons[0].id");
    }

    /** The course's rating once the stream has brought it to {@code reviews} reviews (up to 60 s). */
    private static Response awaitRating(String course, int reviews) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response rating = given().baseUri(cloud.baseUri().toString()).get("/courses/" + course + "/rating");
        while ((rating.statusCode() != 200 || rating.jsonPath().getLong("reviewCount") != reviews) && System.nanoTime() < until) {
            Thread.sleep(250);
            rating = given().baseUri(cloud.baseUri().toString()).get("/courses/" + course + "/rating");
        }
        assertEquals(reviews, rating.jsonPath().getLong("reviewCount"), rating.asString());
        return rating;
    }

    /** Waits (up to 90 s: the last sweep starts 20 s after the erasure) for the user's erasure job to be done. */
    private static void awaitErasure(String userId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (DynamoDbClient table = TestTable.clientFor(cloud.dynaliteEndpoint())) {
            String state = null;
            while (System.nanoTime() < until) {
                var job = table.getItem(b -> b.tableName(LocalCloud.TABLE).consistentRead(true).key(Map.of(
                        "PK", AttributeValue.fromS("erasure#" + userId), "SK", AttributeValue.fromS("job"))));
                state = job.hasItem() ? job.item().get("state").s() : null;
                if ("done".equals(state)) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the erasure of " + userId + " did not finish: " + state);
        }
    }

    /** The audit entries of a user's account, once the stream has written them (up to 30 s). */
    private static String awaitAudit(String userId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < until) {
            Response audit = with(admin).queryParam("entity", UserKeys.ACCOUNT_ENTITY).queryParam("id", userId).get("/admin/audit");
            if (audit.statusCode() == 200 && !audit.jsonPath().getList("items").isEmpty()) {
                return audit.asString();
            }
            seen.add(audit.statusCode() + " " + audit.asString());
            Thread.sleep(500);
        }
        throw new AssertionError("no audit entry for " + userId + ": " + seen.get(seen.size() - 1));
    }
}
