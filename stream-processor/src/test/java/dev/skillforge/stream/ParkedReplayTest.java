package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.stream.ParkedRecordKeys;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.stream.failure.ParkedReplay;
import dev.skillforge.stream.maintenance.AggregateRebuild;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records that run out of retries are not lost: every failed record is parked whole in the table before Lambda may drop
 * it, and the replay command (docs/operations.md) applies them later through the same processing, exactly once, and
 * removes them; it also resumes stalled cascades. Until then the aggregate rebuild refuses to correct the course.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ParkedReplayTest {

    static final String REPLAY = "{\"maintenance\": \"" + ParkedReplay.NAME + "\"}";

    @Inject
    CourseStatsRepository stats;

    StreamCapture capture;

    @BeforeEach
    void start() {
        FaultInjector.reset();
        TestDynamoDbHooks.reset();
        capture = StreamCapture.start();
    }

    @AfterEach
    void stop() {
        FaultInjector.reset();
        TestDynamoDbHooks.reset();
    }

    @Test
    void recordsThatRanOutOfRetriesAreReplayedExactlyOnceByTheCommand() throws Exception {
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        CourseRepository courses = new CourseRepository(capture.table());
        Course draft = new Course("kept", "alice", "Kept", null, "data", List.of(), "beginner", null, CourseStatus.DRAFT, 1, t, t, "alice", null);
        courses.create(draft);
        courses.update(draft.withStatus(CourseStatus.PUBLISHED, t, "alice"), 1);
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(capture.drain())));
        EnrollmentRepository enrollments = new EnrollmentRepository(capture.table());
        ReviewRepository reviews = new ReviewRepository(capture.table());
        for (String user : List.of("u1", "u2", "u3")) {
            assertTrue(enrollments.createIfAbsent(new Enrollment(user, "kept", Instant.now(), null, user)));
            assertEquals(ReviewRepository.Creation.CREATED, reviews.createIfAbsent(new Review("kept", user, 4, "t", "x", 1, Instant.now(), Instant.now(), user)));
        }
        List<ObjectNode> batch = capture.drain();
        // Each learner's enrollment, progress item (same transaction) and review. A poison record: every delivery fails
        // from u2's review (the sixth record) on, until Lambda gives up on them.
        String poison = batch.get(5).get("eventID").asText();
        FaultInjector.FAIL_ONCE.add(poison);
        List<String> failed = Lambda.failures(Lambda.deliver(batch));
        assertEquals(batch.size() - 5, failed.size());
        assertEquals(batch.size() - 5, parked(StreamConsumer.AGGREGATES) , "every reported record is parked, for each consumer");
        // Lambda's retries are used up: the records are dropped (their metadata goes to the on-failure queue).
        // The records before the poison one were counted (the poison one itself may have been, by an applier that ran
        // before the failing one: the replay will not count it again).
        assertEquals(2, stats.find("kept").enrollmentCount());
        assertTrue(stats.find("kept").reviewCount() < 3);

        // Until they are replayed, a repair of the course is refused.
        Lambda.invoke("{\"maintenance\": \"" + AggregateRebuild.NAME + "\", \"runId\": \"p1\"}").then().statusCode(200);
        Thread.sleep(2_100);
        Response refused = Lambda.invoke("{\"maintenance\": \"" + AggregateRebuild.NAME + "\", \"runId\": \"p1\", \"repair\": true}");
        assertEquals(0, refused.jsonPath().getInt("rebuild.repaired"));
        assertTrue(refused.jsonPath().getString("rebuild.refused.find { it.courseId == 'kept' }.reason").contains("parked"));

        Response replay = Lambda.invoke(REPLAY);
        replay.then().statusCode(200);
        // Parked and replayed once per consumer, each with its own concerns (this test's function runs both).
        assertEquals((batch.size() - 5) * StreamConsumer.values().length, replay.jsonPath().getInt("replay.replayed"));
        assertEquals(0, replay.jsonPath().getInt("replay.failedAgain"));
        assertEquals(false, replay.jsonPath().getBoolean("replay.more"));
        assertEquals(0, parked(StreamConsumer.AGGREGATES));
        assertEquals(3, stats.find("kept").enrollmentCount());
        assertEquals(3, stats.find("kept").reviewCount());
        assertEquals(12, stats.find("kept").ratingSum());

        // The stream then delivers the same records after all (a late retry): nothing is counted twice.
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(batch)));
        assertEquals(0, Lambda.invoke(REPLAY).jsonPath().getInt("replay.replayed"));
        assertEquals(3, stats.find("kept").enrollmentCount());
        assertEquals(3, stats.find("kept").reviewCount());
        assertEquals(2 + batch.size(), auditEntries(), "one audit entry per change (the course's two and the batch's)");
    }

    @Test
    void aRecordThatSucceedsOnRetryIsTakenOutOfTheParkedRecords() {
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        new CourseRepository(capture.table()).create(new Course("retry", "alice", "Retry", null, "data", List.of(), "beginner", null,
                CourseStatus.DRAFT, 1, t, t, "alice", null));
        assertTrue(new EnrollmentRepository(capture.table()).createIfAbsent(new Enrollment("u1", "retry", Instant.now(), null, "u1")));
        List<ObjectNode> batch = capture.drain();
        // the course, the enrollment, and the learner's progress item written in the enrollment's transaction
        assertEquals(3, batch.size());
        FaultInjector.FAIL_ONCE.add(batch.get(1).get("eventID").asText());
        assertEquals(2, Lambda.failures(Lambda.deliver(batch)).size(), "the enrollment's record and the one after it");
        assertEquals(2, parked(StreamConsumer.AGGREGATES));
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(batch.subList(1, 3))));
        assertEquals(0, parked(StreamConsumer.AGGREGATES));
    }

    @Test
    void theReplayCommandResumesAStalledCascade() {
        Instant t = Instant.parse("2026-05-01T10:00:00Z");
        CourseRepository courses = new CourseRepository(capture.table());
        courses.create(new Course("stuck", "alice", "Stuck", null, "data", List.of(), "beginner", null, CourseStatus.DRAFT, 1, t, t,
                "alice", null));
        assertTrue(new EnrollmentRepository(TestTable.table()).createIfAbsent(new Enrollment("u1", "stuck", Instant.now(), null, "u1")));
        courses.delete("stuck", 1, "admin-1");
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(capture.drain())));
        // As five failed attempts leave a job: stalled, listed for the replay command, no record to move it on.
        TestTable.client().updateItem(b -> b.tableName(TestTable.NAME)
                .key(Map.of("PK", AttributeValue.fromS("cascade#stuck"), "SK", AttributeValue.fromS("job")))
                .updateExpression("SET #state = :stalled, GSI1PK = :listed, attempts = :five")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":stalled", AttributeValue.fromS("stalled"),
                        ":listed", AttributeValue.fromS("cascade-jobs#stalled"), ":five", AttributeValue.fromN("5"))));

        TestDynamoDbHooks.capture = true;
        TestDynamoDbHooks.capturePartitionPrefix = "cascade#";
        Response replay = Lambda.invoke(REPLAY);
        assertEquals(1, replay.jsonPath().getInt("replay.cascadesResumed"));
        for (int round = 0; round < 10; round++) {
            List<ObjectNode> own = StreamCapture.GLOBAL.drain();
            if (own.isEmpty()) {
                break;
            }
            assertEquals(List.of(), Lambda.failures(Lambda.deliver(own)));
        }
        assertEquals("done", TestTable.get("cascade#stuck", "job").get("state").s());
        assertTrue(new EnrollmentRepository(TestTable.table()).find("u1", "stuck").isEmpty());
    }

    private static int parked(StreamConsumer consumer) {
        int count = 0;
        for (int partition = 0; partition < ParkedRecordKeys.PARTITIONS; partition++) {
            String pk = ParkedRecordKeys.partition(consumer.id(), partition);
            count += TestTable.client().query(b -> b.tableName(TestTable.NAME).keyConditionExpression("PK = :pk").consistentRead(true)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).count();
        }
        return count;
    }

    private static int auditEntries() {
        return (int) TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME)).items().stream()
                .filter(i -> "audit".equals(i.get("entity").s())).count();
    }
}
