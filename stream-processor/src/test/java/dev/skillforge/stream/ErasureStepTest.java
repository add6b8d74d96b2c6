package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.audit.AuditCodec;
import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.FieldChange;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserAccountRepository;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.data.user.UserProfileRepository;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A deleted user's erasure, fed the stream as Lambda would: the account turning deleted starts the job, each step's job
 * write starts the next, and the reviews and enrollments the steps delete reach the aggregates through the stream too.
 * The user has a profile, enrollments, a review of a course they have since left, and 1,200 progress items (three steps).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class ErasureStepTest {

    @Inject
    CourseStatsRepository stats;

    @AfterEach
    void quiet() {
        TestDynamoDbHooks.reset();
    }

    @Test
    void aDeletedUsersDataGoesInBoundedStepsAndTheirRatingsLeaveTheAggregatesExactly() {
        StreamCapture capture = StreamCapture.start();
        SkillForgeTable table = capture.table();
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        CourseRepository courses = new CourseRepository(table);
        for (String id : List.of("era-a", "era-b", "era-c")) {
            Course draft = new Course(id, "alice", "Course " + id, null, "data", List.of(), "beginner", null, CourseStatus.DRAFT, 1, t, t,
                    "alice", null);
            courses.create(draft);
            courses.update(draft.withStatus(CourseStatus.PUBLISHED, t, "alice"), 1);
        }
        EnrollmentRepository enrollments = new EnrollmentRepository(table);
        ReviewRepository reviews = new ReviewRepository(table);
        for (String course : List.of("era-a", "era-b", "era-c")) {
            assertTrue(enrollments.createIfAbsent(new Enrollment("erased", course, t, null, "erased")));
        }
        assertTrue(enrollments.createIfAbsent(new Enrollment("kept", "era-a", t, null, "kept")));
        reviews.createIfAbsent(new Review("era-a", "erased", 5, "Great", "Loved it", 1, t, t, "erased"));
        reviews.createIfAbsent(new Review("era-c", "erased", 1, "Left", "Not for me", 1, t, t, "erased"));
        reviews.createIfAbsent(new Review("era-a", "kept", 3, "Fine", "Okay", 1, t, t, "kept"));
        // Left course c after reviewing it: the review stays, and so does the progress of c.
        enrollments.delete("erased", "era-c", "erased");
        new UserProfileRepository(table, java.time.Clock.systemUTC())
                .create(new UserProfile("erased", "erased@example.test", "Erin Erased", "student", "bio", 1, t, t, "erased"));
        List<Map<String, AttributeValue>> lessons = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            lessons.add(ItemWriter.of(ProgressKeys.legacyLesson("erased", "era-b", String.format("lesson-%04d", i)), ProgressKeys.ENTITY, 1)
                    .put("userId", "erased").put("courseId", "era-b").put("completedAt", t).build());
        }
        TestTable.table().batchWrite(lessons, List.of()); // not through the stream: legacy items, no aggregate reads them
        // An audit entry written before the audit log stopped recording a review's words.
        Map<String, AttributeValue> oldEntry = AuditCodec.toItem(new AuditEntry("review", "era-c:erased", "inserted", "erased", null, t,
                "old-event-1", List.of(new FieldChange("rating", null, "1"), new FieldChange("title", null, "Left")), t.plusSeconds(86_400 * 90)));
        TestTable.table().batchWrite(List.of(oldEntry), List.of());
        deliverUntilQuiet(capture);
        assertEquals(2, stats.find("era-a").reviewCount());
        assertEquals(1, stats.find("era-c").reviewCount());

        assertTrue(new UserAccountRepository(table).saveIfUnchanged(
                UserAccount.unrestricted("erased").revokedAt(Instant.now(), UserAccount.State.DELETED, "student", "admin-1")));
        TestDynamoDbHooks.capture = true;
        int deliveries = deliverUntilQuiet(capture);

        Map<String, AttributeValue> job = TestTable.get("erasure#erased", "job");
        assertEquals("done", job.get("state").s());
        assertTrue(deliveries >= 4, "bounded steps: " + deliveries + " deliveries");
        List<String> left = TestTable.client().query(b -> b.tableName(TestTable.NAME).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition("erased"))))).items().stream()
                .map(item -> item.get("SK").s()).toList();
        assertEquals(List.of(UserKeys.ACCOUNT), left, "only the account item, which refuses the user's tokens until it expires");
        assertTrue(reviews.find("era-a", "erased").isEmpty());
        assertTrue(reviews.find("era-c", "erased").isEmpty(), "the review of a course the user had left");
        assertTrue(reviews.find("era-a", "kept").isPresent());
        assertTrue(enrollments.find("kept", "era-a").isPresent());
        CourseStats a = stats.find("era-a");
        assertEquals(1, a.reviewCount());
        assertEquals(3, a.ratingSum());
        assertEquals(1, a.enrollmentCount());
        assertEquals(0, stats.find("era-c").reviewCount());
        assertEquals(0, stats.find("era-c").ratingSum());
        assertEquals(0, stats.find("era-b").enrollmentCount());
        AuditEntry scrubbed = AuditCodec.fromItem(TestTable.get(oldEntry.get("PK").s(), oldEntry.get("SK").s()));
        assertEquals(List.of(new FieldChange("rating", null, "1"), new FieldChange("title", null, null)), scrubbed.changes(),
                "the entry stays under the user's id, without their words");
    }

    /** Delivers what the test's writes and the function's own writes put on the stream until nothing more comes. */
    private static int deliverUntilQuiet(StreamCapture capture) {
        return Lambda.deliverUntilQuiet(capture, 100);
    }
}
