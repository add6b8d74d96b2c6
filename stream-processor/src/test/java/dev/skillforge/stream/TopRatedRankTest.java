package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.aggregate.CourseRankCodec;
import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.stream.apply.AggregateWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The top-rated list's rank items: written only when a course's average, review count or publication changes, in the
 * roll-up's transaction and under its ordering, never moved back by a repeated or stale record or roll-up; and the way
 * from aggregates that carried the list's key themselves.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class TopRatedRankTest {

    @Inject
    CourseStatsRepository stats;

    @Inject
    AggregateWriter writer;

    StreamCapture capture;
    CourseRepository courses;
    ReviewRepository reviews;
    EnrollmentRepository enrollments;

    @BeforeEach
    void captureWrites() {
        FaultInjector.reset();
        TestDynamoDbHooks.reset();
        capture = StreamCapture.start();
        courses = new CourseRepository(capture.table());
        reviews = new ReviewRepository(capture.table());
        enrollments = new EnrollmentRepository(capture.table());
    }

    void publishedCourse(String id) {
        Instant now = Instant.parse("2026-05-01T10:00:00Z");
        Course draft = new Course(id, "alice", "Course " + id, null, "data", List.of(), "beginner", null, CourseStatus.DRAFT, 1, now, now,
                "alice", null);
        courses.create(draft);
        courses.update(draft.withStatus(CourseStatus.PUBLISHED, now.plusSeconds(60), "alice"), 1);
    }

    void enroll(String courseId, String userId) {
        assertTrue(enrollments.createIfAbsent(new Enrollment(userId, courseId, Instant.now(), null, userId)));
    }

    /** c1 rated 5 and c2 rated 4, three reviews each, rolled up: both on the list. */
    void twoRankedCourses() {
        publishedCourse("c1");
        publishedCourse("c2");
        for (int i = 0; i < 3; i++) {
            review("c1", "a" + i, 5);
            review("c2", "b" + i, 4);
        }
        deliver(capture.drain());
    }

    void review(String courseId, String userId, int rating) {
        enroll(courseId, userId);
        Instant now = Instant.now();
        assertEquals(ReviewRepository.Creation.CREATED, reviews.createIfAbsent(new Review(courseId, userId, rating, "Title", "Text", 1, now, now, userId)));
    }

    void deliver(List<ObjectNode> records) {
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(records)));
    }

    static Map<String, AttributeValue> item(dev.skillforge.data.keys.Key key) {
        return TestTable.client().getItem(b -> b.tableName(TestTable.NAME).key(key.toAttributes()).consistentRead(true)).item();
    }

    static Map<String, AttributeValue> rankItem(String courseId) {
        return item(CourseRankKeys.primary(courseId));
    }

    static Map<String, AttributeValue> aggregate(String courseId) {
        return item(CourseStatsKeys.primary(courseId));
    }

    static String listedAt(String courseId) {
        AttributeValue key = rankItem(courseId).get(TableDesign.GSI2.sortKey());
        return key == null ? null : key.s();
    }

    List<CourseRank> topRated() {
        return stats.topRated(PageRequest.first(20)).items();
    }

    @Test
    void anEnrollmentRollUpOfARankedCourseDoesNotWriteTheRankItem() {
        publishedCourse("c1");
        for (int i = 0; i < 3; i++) {
            review("c1", "r" + i, 5);
        }
        deliver(capture.drain());
        Map<String, AttributeValue> ranked = rankItem("c1");
        assertEquals(CourseRankKeys.topRated(5000, 3, "c1").sk(), listedAt("c1"));
        assertFalse(aggregate("c1").containsKey(TableDesign.GSI2.partitionKey()), "the aggregate is not in the list");

        for (int i = 0; i < 20; i++) {
            enroll("c1", "learner" + i);
        }
        enrollments.markCompleted("learner0", "c1", Instant.now());
        List<ObjectNode> enrollmentsOnly = capture.drain();
        deliver(enrollmentsOnly.subList(0, 10));
        deliver(enrollmentsOnly.subList(10, enrollmentsOnly.size()));

        assertEquals(23, stats.find("c1").enrollmentCount(), "the enrollments were rolled up");
        assertEquals(1, stats.find("c1").completionCount());
        assertEquals(ranked, rankItem("c1"), "the rank item was not written (not even its updatedAt or rolledUpFrom)");
        assertEquals(List.of(new CourseRank("c1", 5.0, 3)), topRated());
    }

    @Test
    void aReviewThatChangesTheAverageOrAPublicationChangeWritesTheRankItem() {
        twoRankedCourses();
        assertEquals(List.of("c1", "c2"), topRated().stream().map(CourseRank::courseId).toList());

        review("c1", "a9", 1);
        deliver(capture.drain());
        assertEquals(CourseRankKeys.topRated(4000, 4, "c1").sk(), listedAt("c1"));
        assertEquals(List.of(new CourseRank("c1", 4.0, 4), new CourseRank("c2", 4.0, 3)), topRated(), "ties go to more reviews");
        assertEquals(CourseRankKeys.topRated(4000, 4, "c1").sk(), aggregate("c1").get(CourseRankCodec.RANKED_AS).s());

        // Unpublished: the rank item stays, without the list's key (an UpdateItem, no delete); published again: back.
        Course c1 = courses.find("c1").orElseThrow();
        Course unpublished = courses.update(c1.withStatus(CourseStatus.UNPUBLISHED, Instant.now(), "alice"), c1.version());
        deliver(capture.drain());
        assertEquals(List.of("c2"), topRated().stream().map(CourseRank::courseId).toList());
        assertFalse(rankItem("c1").isEmpty());
        assertEquals(null, listedAt("c1"));
        assertEquals(CourseRankCodec.UNLISTED, aggregate("c1").get(CourseRankCodec.RANKED_AS).s());
        courses.update(unpublished.withStatus(CourseStatus.PUBLISHED, Instant.now(), "alice"), unpublished.version());
        deliver(capture.drain());
        assertEquals(CourseRankKeys.topRated(4000, 4, "c1").sk(), listedAt("c1"));
    }

    @Test
    void aRepeatedOrStaleRecordOrRollUpNeverMovesTheRankBack() {
        publishedCourse("c1");
        for (int i = 0; i < 3; i++) {
            review("c1", "r" + i, 5);
        }
        List<ObjectNode> first = capture.drain();
        deliver(first);
        AggregateWriter.RollUpView stale = writer.readRollUp("c1");

        review("c1", "r9", 1);
        deliver(capture.drain());
        Map<String, AttributeValue> moved = rankItem("c1");
        assertEquals(CourseRankKeys.topRated(4000, 4, "c1").sk(), listedAt("c1"));

        // The first batch again, days later (a replay): every event was applied, the roll-up finds the same shards.
        deliver(first);
        assertEquals(moved, rankItem("c1"), "a repeated record does not write the rank item");
        // A roll-up that read the shards before the fourth review and writes after it: refused as a whole.
        assertEquals(AggregateWriter.RollUpOutcome.SUPERSEDED, writer.writeRollUp(stale));
        assertEquals(moved, rankItem("c1"));
        // The same, had it also found the ranking to change (so that it writes the rank item in its transaction): the
        // aggregate's ordering condition cancels the transaction, rank item included.
        Map<String, AttributeValue> readBeforeItWasRanked = new java.util.HashMap<>(stale.aggregate());
        readBeforeItWasRanked.remove(CourseRankCodec.RANKED_AS);
        AggregateWriter.RollUpView staleRanking = new AggregateWriter.RollUpView("c1", readBeforeItWasRanked, stale.totals(), stale.from());
        assertEquals(AggregateWriter.RollUpOutcome.SUPERSEDED, writer.writeRollUp(staleRanking));
        assertEquals(moved, rankItem("c1"));
        assertEquals(4, stats.find("c1").reviewCount(), "nor the aggregate");
        assertEquals(List.of(new CourseRank("c1", 4.0, 4)), topRated());
    }

    @Test
    void aggregatesThatCarriedTheListsKeyMoveItToARankItemAtTheirNextRollUpOrTheRebuild() {
        twoRankedCourses();
        asBeforeRankItems("c1");
        asBeforeRankItems("c2");
        assertEquals(List.of(new CourseRank("c1", 5.0, 3), new CourseRank("c2", 4.0, 3)), topRated(), "listed from the aggregates");

        // c1's next roll-up, an enrollment's, moves it.
        enroll("c1", "late");
        deliver(capture.drain());
        assertEquals(CourseRankKeys.topRated(5000, 3, "c1").sk(), listedAt("c1"));
        assertFalse(aggregate("c1").containsKey(TableDesign.GSI2.partitionKey()));
        assertEquals(List.of(new CourseRank("c1", 5.0, 3), new CourseRank("c2", 4.0, 3)), topRated(), "each course once");

        // c2 has no event: the rebuild's check moves it, and a second check finds nothing to move.
        var report = Lambda.invoke("{\"maintenance\": \"rebuild-aggregates\", \"runId\": \"move\"}");
        assertEquals(1, report.jsonPath().getInt("rebuild.ranksMoved"));
        assertEquals(0, report.jsonPath().getList("rebuild.drift").size());
        assertEquals(CourseRankKeys.topRated(4000, 3, "c2").sk(), listedAt("c2"));
        assertFalse(aggregate("c2").containsKey(TableDesign.GSI2.partitionKey()));
        assertEquals(0, Lambda.invoke("{\"maintenance\": \"rebuild-aggregates\", \"runId\": \"again\"}").jsonPath().getInt("rebuild.ranksMoved"));
        assertEquals(List.of(new CourseRank("c1", 5.0, 3), new CourseRank("c2", 4.0, 3)), topRated());
    }

    /** What the roll-up wrote before rank items: the list's key on the aggregate, no rank item, no rankedAs. */
    private static void asBeforeRankItems(String courseId) {
        String listedAs = aggregate(courseId).get(CourseRankCodec.RANKED_AS).s();
        TestTable.client().deleteItem(b -> b.tableName(TestTable.NAME).key(CourseRankKeys.primary(courseId).toAttributes()));
        TestTable.client().updateItem(b -> b.tableName(TestTable.NAME).key(CourseStatsKeys.primary(courseId).toAttributes())
                .updateExpression("SET #pk = :pk, #sk = :sk REMOVE #rankedAs")
                .expressionAttributeNames(Map.of("#pk", TableDesign.GSI2.partitionKey(), "#sk", TableDesign.GSI2.sortKey(),
                        "#rankedAs", CourseRankCodec.RANKED_AS))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseRankKeys.TOP_RATED_PARTITION),
                        ":sk", AttributeValue.fromS(listedAs))));
    }
}
