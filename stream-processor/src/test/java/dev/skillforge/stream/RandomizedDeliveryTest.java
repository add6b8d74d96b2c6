package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.aggregate.CourseRankCodec;
import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.stream.maintenance.AggregateRebuild;
import dev.skillforge.stream.maintenance.RebuildReport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Thousands of review creates, edits and deletes (plus enrollments, completions and publication changes) across
 * courses, delivered like the event source mappings at their worst: the records split over two stream shards by item
 * (as DynamoDB shards them) and delivered at the same time, one shard through the Lambda HTTP layer and the other
 * straight to the handler (the test mode's event server runs one invocation at a time), so batches of the same courses
 * race each other's transactions; every eventually consistent read the processor makes is recorded (there must be
 * none: a stale answer could otherwise decide something); random batch sizes, duplicated records, replayed batches; injected failures in one
 * concern at a time (aggregates or records), retried from the reported record; and invocations that die midway (a
 * DynamoDB call fails after some of the batch's writes), retried whole. Afterwards every aggregate must equal the
 * recomputation from the table, and the audit log must hold exactly one entry per change.
 * Size: -Drandomized.operations (default 1500; the larger run in docs/performance.md used 10000); seed: -Drandomized.seed.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class RandomizedDeliveryTest {

    static final int COURSES = 8;
    static final int USERS = 40;

    @Inject
    AggregateRebuild rebuild;

    @Inject
    SkillForgeConfig config;

    @Inject
    CourseStatsRepository statsRepository;

    @Inject
    dev.skillforge.data.audit.AuditRepository auditRepository;

    @Inject
    StreamHandler handler;

    @Inject
    dev.skillforge.stream.apply.AggregateWriter writer;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    @AfterEach
    void stopFaults() {
        FaultInjector.reset();
    }

    @Test
    void aggregatesAndTheAuditLogComeOutExactWhateverTheDelivery() throws Exception {
        long seed = Long.getLong("randomized.seed", 20261125L);
        int operations = Integer.getInteger("randomized.operations", 1500);
        Random random = new Random(seed);
        StreamCapture capture = StreamCapture.start();
        SkillForgeTable table = capture.table();
        CourseRepository courses = new CourseRepository(table);
        ReviewRepository reviews = new ReviewRepository(table);
        EnrollmentRepository enrollments = new EnrollmentRepository(table);

        Map<String, Course> courseById = new HashMap<>();
        for (int c = 0; c < COURSES; c++) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            Course draft = new Course("course-" + c, "alice", "Course " + c, null, "data", List.of(), "beginner", null,
                    CourseStatus.DRAFT, 1, t, t, "alice", null);
            courses.create(draft);
            courseById.put(draft.courseId(), courses.update(draft.withStatus(CourseStatus.PUBLISHED, t, "alice"), 1));
        }
        Map<String, Review> live = new HashMap<>();
        Set<String> enrolled = new HashSet<>();
        for (int op = 0; op < operations; op++) {
            String courseId = "course-" + random.nextInt(COURSES);
            String userId = "user-" + random.nextInt(USERS);
            String pair = courseId + "|" + userId;
            Review review = live.get(pair);
            double roll = random.nextDouble();
            if (!enrolled.contains(pair)) {
                assertTrue(enrollments.createIfAbsent(new Enrollment(userId, courseId, Instant.now(), null, userId)));
                enrolled.add(pair);
            } else if (review == null && roll < 0.7) {
                Review created = new Review(courseId, userId, 1 + random.nextInt(5), "t", "x", 1, Instant.now(), Instant.now(), userId);
                assertEquals(ReviewRepository.Creation.CREATED, reviews.createIfAbsent(created));
                live.put(pair, created);
            } else if (review != null && roll < 0.55) {
                Review edited = review.edited(1 + random.nextInt(5), "t" + op, "x", Instant.now());
                live.put(pair, reviews.update(edited, review.version()));
            } else if (review != null && roll < 0.85) {
                reviews.delete(courseId, userId, review.version(), random.nextBoolean() ? userId : "admin");
                live.remove(pair);
            } else if (roll < 0.93) {
                enrollments.markCompleted(userId, courseId, Instant.now());
            } else if (roll < 0.96 && review == null) {
                enrollments.delete(userId, courseId, userId);
                enrolled.remove(pair);
            } else {
                Course course = courseById.get(courseId);
                CourseStatus next = course.isPublished() ? CourseStatus.UNPUBLISHED : CourseStatus.PUBLISHED;
                courseById.put(courseId, courses.update(course.withStatus(next, Instant.now(), "alice"), course.version()));
            }
        }
        List<ObjectNode> records = capture.records();

        FaultInjector.random = new Random(seed + 1);
        FaultInjector.failureRate = 0.01;
        TestDynamoDbHooks.conflictRate = 0.05;
        TestDynamoDbHooks.watchStaleReads = true;
        int deliveries = deliverOnTwoShards(records, seed);
        // Stale reads: on AWS any read without ConsistentRead (and every index query) may return data from before a recent
        // write. Nothing the processor decides with comes from such a read, so none can be stale: the decision that an
        // event was applied is a conditional write, and every read it makes (roll-ups, the cascade's job, courses of new
        // enrollments, replays) is strongly consistent. (The local cloud's lagging replica checks the same end to end:
        // DeployFidelityIT replays an enrollment within the lag.)
        assertEquals(List.of(), List.copyOf(TestDynamoDbHooks.EVENTUAL_READS), "eventually consistent reads on the stream path");
        FaultInjector.failureRate = 0;
        long conflicts = TestDynamoDbHooks.CONFLICTS.sum();
        TestDynamoDbHooks.reset();
        assertTrue(conflicts > 0, "transactions were cancelled by conflicts and retried");

        RebuildReport report = rebuild.run(new AggregateRebuild.Request("verify-" + seed, false, 0, 1, null));
        assertEquals(List.of(), report.drift(), "aggregates differ from the recomputation");
        assertTrue(report.courses() == COURSES);
        // What users read (the aggregate) holds the sums of the shards the rebuild compared: no older roll-up won.
        for (int c = 0; c < COURSES; c++) {
            String courseId = "course-" + c;
            Map<String, Long> shardSums = new HashMap<>();
            Map<String, AttributeValue> aggregate = null;
            for (Map<String, AttributeValue> item : writer.aggregateAndShards(courseId)) {
                if (CourseStatsKeys.SORT_KEY.equals(item.get(TableDesign.SK).s())) {
                    aggregate = item;
                } else {
                    CourseStatsCodec.COUNTERS.forEach(counter -> shardSums.merge(counter,
                            item.containsKey(counter) ? Long.parseLong(item.get(counter).n()) : 0L, Long::sum));
                }
            }
            for (String counter : CourseStatsCodec.COUNTERS) {
                long shown = aggregate != null && aggregate.containsKey(counter) ? Long.parseLong(aggregate.get(counter).n()) : 0L;
                assertEquals(shardSums.getOrDefault(counter, 0L), shown, courseId + " " + counter + " as users read it");
            }
        }
        // The ranking follows the counters however the delivery went: the stored average, the rank item's top-rated key
        // and what it shows are the ones the final counters give, the aggregate records that entry, and the aggregate
        // itself is never in the list.
        Map<String, CourseRank> listed = new HashMap<>();
        for (CourseRank rank : statsRepository.topRated(PageRequest.first(100)).items()) {
            assertEquals(null, listed.put(rank.courseId(), rank), rank.courseId() + " listed once");
        }
        for (int c = 0; c < COURSES; c++) {
            String courseId = "course-" + c;
            Map<String, AttributeValue> item = TestTable.client().getItem(b -> b.tableName(TestTable.NAME).consistentRead(true)
                    .key(CourseStatsKeys.primary(courseId).toAttributes())).item();
            CourseStats stats = CourseStatsCodec.fromItem(courseId, item);
            assertEquals(stats.average(), Double.parseDouble(item.get(CourseStatsCodec.AVERAGE).n()), courseId + " average");
            assertFalse(item.containsKey(TableDesign.GSI2.partitionKey()), courseId + " aggregate not in the list");
            boolean ranked = stats.published() && stats.reviewCount() >= config.topRated().minReviews();
            String expected = ranked ? CourseRankKeys.topRated(stats.averageMillis(), stats.reviewCount(), courseId).sk() : null;
            Map<String, AttributeValue> rank = TestTable.client().getItem(b -> b.tableName(TestTable.NAME).consistentRead(true)
                    .key(CourseRankKeys.primary(courseId).toAttributes())).item();
            AttributeValue rankKey = rank.get(TableDesign.GSI2.sortKey());
            assertEquals(expected, rankKey == null ? null : rankKey.s(), courseId + " top-rated key");
            assertEquals(expected == null ? CourseRankCodec.UNLISTED : expected, item.get(CourseRankCodec.RANKED_AS).s(),
                    courseId + " the entry the aggregate records");
            assertEquals(ranked ? CourseRank.of(stats) : null, listed.get(courseId), courseId + " as the list shows it");
        }

        Set<String> auditedEvents = new HashSet<>();
        for (ObjectNode record : records) {
            if (isAudited(record)) {
                auditedEvents.add(record.get("eventID").asText());
            }
        }
        // Every page of the scan: a large run's audit entries do not fit in one.
        List<String> auditEventIds = TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME)).items().stream()
                .filter(i -> "audit".equals(i.get("entity").s()))
                .map(i -> i.get("eventId").s())
                .toList();
        assertEquals(auditedEvents.size(), auditEventIds.size(), "one audit entry per change");
        assertEquals(auditedEvents, new HashSet<>(auditEventIds));
        // The admins' per-day list, merged from the day's shards page by page, shows each entry once.
        Set<String> days = new java.util.TreeSet<>();
        TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME)).items().stream()
                .filter(i -> "audit".equals(i.get("entity").s()))
                .forEach(i -> days.add(i.get("changedAt").s().substring(0, 10)));
        List<String> listedByDay = new ArrayList<>();
        for (String day : days) {
            String cursor = null;
            do {
                var page = auditRepository.onDay(day, new PageRequest(37, cursor));
                page.items().forEach(entry -> listedByDay.add(entry.eventId()));
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        assertEquals(auditedEvents.size(), listedByDay.size(), "each entry listed once by day");
        assertEquals(auditedEvents, new HashSet<>(listedByDay));
        assertTrue(deliveries > records.size() / 100, "the delivery was really split and retried");
    }

    /**
     * The records split over two shards by partition key (one item's records stay in order on one shard), each shard
     * delivered by its own thread, at the same time.
     */
    private int deliverOnTwoShards(List<ObjectNode> records, long seed) throws Exception {
        List<List<ObjectNode>> shards = List.of(new ArrayList<>(), new ArrayList<>());
        for (ObjectNode record : records) {
            shards.get(Math.floorMod(record.get("dynamodb").get("Keys").get("PK").get("S").asText().hashCode(), 2)).add(record);
        }
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var viaHttp = threads.submit(() -> deliver(shards.get(0), new Random(seed + 2), Lambda::deliver));
            var direct = threads.submit(() -> deliver(shards.get(1), new Random(seed + 3), this::invokeDirectly));
            return viaHttp.get() + direct.get();
        }
    }

    /** The handler as Lambda's runtime calls it, without the test mode's one-at-a-time event server. */
    private List<String> invokeDirectly(List<ObjectNode> batch) {
        try {
            dev.skillforge.stream.event.StreamEvent event = json.treeToValue(StreamCapture.event(batch),
                    dev.skillforge.stream.event.StreamEvent.class);
            return handler.handleRequest(event, null).batchItemFailures().stream()
                    .map(dev.skillforge.stream.event.StreamResponse.ItemFailure::itemIdentifier).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The event source mapping's behaviour on one shard, with its at-least-once corners taken often. */
    private static int deliver(List<ObjectNode> records, Random random,
            java.util.function.Function<List<ObjectNode>, Object> invoke) {
        int position = 0;
        int deliveries = 0;
        while (position < records.size()) {
            if (deliveries > 50 + records.size()) {
                throw new AssertionError("delivery made no progress at record " + position + " of " + records.size());
            }
            int size = 1 + random.nextInt(100);
            List<ObjectNode> original = records.subList(position, Math.min(records.size(), position + size));
            List<ObjectNode> batch = new ArrayList<>();
            for (ObjectNode record : original) {
                batch.add(record);
                if (random.nextDouble() < 0.05) {
                    batch.add(record);
                }
            }
            // One failing concern at a time: the other's work in the same batch must still come out exact.
            FaultInjector.concern = random.nextBoolean() ? StreamConsumer.AGGREGATES : StreamConsumer.RECORDS;
            if (random.nextDouble() < 0.03) {
                // Dies midway: one of the next few DynamoDB calls fails after the calls before it were made.
                TestDynamoDbHooks.failOnCall.set(random.nextInt(6));
            }
            List<String> failed;
            try {
                failed = failures(invoke.apply(batch));
            } catch (RuntimeException invocationError) {
                // The function itself failed (a call outside any applier, e.g. parking): Lambda retries the whole batch.
                failed = List.of(sequence(original.get(0)));
            }
            deliveries++;
            if (failed.isEmpty()) {
                if (random.nextDouble() < 0.1) {
                    try {
                        failures(invoke.apply(original));
                    } catch (RuntimeException failedReplay) {
                        // a replay of applied records that fails changes nothing that matters
                    }
                    deliveries++;
                }
                position += original.size();
            } else {
                String first = failed.get(0);
                int offset = 0;
                while (!sequence(original.get(offset)).equals(first)) {
                    offset++;
                }
                position += offset;
            }
        }
        return deliveries;
    }

    @SuppressWarnings("unchecked")
    private static List<String> failures(Object response) {
        if (response instanceof io.restassured.response.Response http) {
            if (http.statusCode() != 200) {
                throw new IllegalStateException("invocation error " + http.statusCode());
            }
            return Lambda.failures(http);
        }
        return (List<String>) response;
    }

    private static String sequence(JsonNode record) {
        return record.get("dynamodb").get("SequenceNumber").asText();
    }

    private static boolean isAudited(JsonNode record) {
        JsonNode data = record.get("dynamodb");
        JsonNode image = data.has("NewImage") ? data.get("NewImage") : data.get("OldImage");
        String entity = image.get("entity").get("S").asText();
        if (!Set.of("course", "lesson", "enrollment", "review", "progress").contains(entity)) {
            return false;
        }
        boolean stamp = "MODIFY".equals(record.get("eventName").asText()) && data.get("NewImage").has("deletedBy")
                && !data.get("OldImage").has("deletedBy");
        return !stamp;
    }
}
