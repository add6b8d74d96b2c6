package dev.skillforge.stream;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentCodec;
import dev.skillforge.data.item.DynamoJson;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewCodec;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamRecords;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.stream.event.StreamEvent;
import dev.skillforge.stream.event.StreamResponse;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * BENCHMARK, not a test (run with -Dbenchmark.stream=true, see docs/stream-performance.md): what counting costs. Only
 * the counters run (the aggregates consumer): 10,000 enrollment inserts over 100 courses in batches of 1,000 (or
 * -Dbenchmark.batch), the same for review inserts, and a viral course (10,000 review inserts on one course, delivered
 * by two shards at the same time).
 * For each: wall time, records/s, DynamoDB calls by operation, and write and read units as DynamoDB reports them
 * (ReturnConsumedCapacity on every call), per 1,000 records; every count is checked exact. Writes
 * target/stream-cost-<label>-<batch>.json (-Dbenchmark.label).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
@TestProfile(StreamCostBenchmark.CountersOnly.class)
@EnabledIfSystemProperty(named = "benchmark.stream", matches = "true")
class StreamCostBenchmark {

    /** The aggregates consumer alone: the audit log and the rest are another function's cost. */
    public static class CountersOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skillforge.stream.consumers", "aggregates");
        }
    }

    /** Records per batch (-Dbenchmark.batch): 1,000 (the mappings' ceiling, StreamSubscription.BATCH_SIZE) or fewer. */
    static final int BATCH = Integer.getInteger("benchmark.batch", 1_000);
    static final int BATCHES = 10_000 / BATCH;
    static final int COURSES = 100;

    @Inject
    StreamHandler handler;

    @Inject
    ObjectMapper json;

    @Inject
    CourseStatsRepository stats;

    private BigInteger sequence = StreamRecords.FIRST_SEQUENCE;

    @Test
    void countingCost() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("label", System.getProperty("benchmark.label", "current"));
        results.put("when", Instant.now().toString());
        results.put("enrollments", run("enrollment", COURSES, 1));
        results.put("reviews", run("review", COURSES, 1));
        results.put("viralCourse", run("review", 1, 2));
        results.put("batchSize", BATCH);
        Path out = Path.of("target", "stream-cost-" + results.get("label") + "-" + BATCH + ".json");
        Files.writeString(out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }

    /** {@link #BATCHES} batches of {@link #BATCH} inserts of {@code entity} over {@code courses}, on {@code shards} shards at once. */
    private Map<String, Object> run(String entity, int courses, int shards) throws Exception {
        String prefix = entity + "-" + courses + "-" + shards + "-";
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        CourseRepository repository = new CourseRepository(TestTable.table());
        for (int c = 0; c < courses; c++) {
            repository.create(new Course(prefix + c, "alice", "Course " + c, null, "data", List.of(), "beginner", null, CourseStatus.DRAFT,
                    1, t, t, "alice", null));
        }
        List<List<List<ObjectNode>>> batchesByShard = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            batchesByShard.add(new ArrayList<>());
        }
        int n = 0;
        for (int b = 0; b < BATCHES; b++) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++, n++) {
                String courseId = prefix + (n % courses);
                String userId = "u" + n;
                Map<String, AttributeValue> item = entity.equals("enrollment")
                        ? EnrollmentCodec.toItem(new Enrollment(userId, courseId, t, null, userId))
                        : ReviewCodec.toItem(new Review(courseId, userId, 1 + n % 5, "t", "x", 1, t, t, userId));
                sequence = sequence.add(BigInteger.ONE);
                ObjectNode keys = DynamoJson.encode(Map.of("PK", item.get("PK"), "SK", item.get("SK")));
                batch.add(StreamRecords.change(TestTable.NAME, sequence, keys, null, DynamoJson.encode(item)));
            }
            batchesByShard.get(b % shards).add(batch);
        }
        TestDynamoDbHooks.reset();
        TestDynamoDbHooks.metering = true;
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(shards)) {
            List<Future<?>> running = new ArrayList<>();
            for (List<List<ObjectNode>> shard : batchesByShard) {
                running.add(threads.submit(() -> {
                    for (List<ObjectNode> batch : shard) {
                        StreamResponse response = handler.handleRequest(json.treeToValue(StreamRecords.event(batch), StreamEvent.class), null);
                        if (!response.batchItemFailures().isEmpty()) {
                            throw new IllegalStateException("a benchmark batch failed");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        TestDynamoDbHooks.metering = false;
        int records = BATCH * BATCHES;

        long counted = 0;
        for (int c = 0; c < courses; c++) {
            CourseStats s = stats.find(prefix + c);
            counted += entity.equals("enrollment") ? s.enrollmentCount() : s.reviewCount();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("records", records);
        result.put("courses", courses);
        result.put("shards", shards);
        result.put("exact", counted == records);
        result.put("ms", ms);
        result.put("recordsPerSecond", Math.round(records * 1000.0 / ms));
        Map<String, Double> calls = new LinkedHashMap<>();
        TestDynamoDbHooks.CALLS.forEach((operation, count) -> calls.put(operation, per1000(count.sum(), records)));
        result.put("callsPer1000Records", calls);
        result.put("totalCallsPer1000Records", per1000(TestDynamoDbHooks.calls(), records));
        result.put("writeUnitsPer1000Records", per1000(TestDynamoDbHooks.WRITE_UNITS.sum(), records));
        result.put("readUnitsPer1000Records", per1000(TestDynamoDbHooks.READ_UNITS.sum(), records));
        TestDynamoDbHooks.reset();
        if (counted != records) {
            throw new AssertionError(entity + ": counted " + counted + " of " + records);
        }
        return result;
    }

    private static double per1000(double value, int records) {
        return Math.round(value * 1000.0 / records * 10) / 10.0;
    }

}
