package dev.skillforge.stream.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseRankCodec;
import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.RebuildKeys;
import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.paging.ResumeTokens;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.stream.apply.AggregateWriter;
import dev.skillforge.stream.apply.CourseCounters;
import dev.skillforge.stream.failure.ParkedRecords;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * MAINTENANCE ONLY (an operator invokes the aggregates consumer directly, see docs/operations.md; never on a request
 * path). Recomputes each course's counters from its reviews (course partition) and enrollments (GSI1) with the same
 * counting rules as the stream, and compares them with what the counter shards hold.
 * <p>
 * <b>No drift added.</b> A difference can be a change still on its way through the stream: correcting it now would
 * count that change twice when it arrives. So a run only records what differs (a candidate per course, with the
 * shards' write counts it saw), and a repair run with the same {@code runId}, at least the settle time later (longer
 * than the stream keeps retrying a record; skillforge.stream.rebuild-settle), corrects a course only if nothing moved meanwhile: the same difference,
 * no review or enrollment of the course written since the check, no counter shard written since (the transaction that
 * adds the correction checks every shard's write count, so a delta landing at that moment cancels it), and no parked
 * record of the course. A delete still in the stream at the check shows up as a changed shard or a parked record
 * by then.
 * <p>
 * <b>At scale.</b> Courses are found with a parallel Scan ({@code segment} of {@code totalSegments}, run side by side);
 * an invocation stops after {@link #BUDGET} and returns {@code resumeFrom}, which the next invocation of that segment
 * continues from.
 */
@ApplicationScoped
public class AggregateRebuild {

    public static final String NAME = "rebuild-aggregates";
    static final Duration BUDGET = Duration.ofSeconds(40);
    static final Duration CANDIDATE_LIFETIME = Duration.ofDays(7);
    static final int SCAN_PAGE = 500;

    @Inject
    SkillForgeTable table;

    @Inject
    AggregateWriter writer;

    @Inject
    ParkedRecords parked;

    @Inject
    Clock clock;

    /** The same counting rules the stream applies. */
    @Inject
    Instance<CourseCounters> counters;

    @Inject
    SkillForgeConfig config;

    /** Sealed resume tokens: a resumeFrom from another segment, another run or a forger is refused. */
    @Inject
    ResumeTokens tokens;

    /** What one invocation is asked to do. */
    public record Request(String runId, boolean repair, int segment, int totalSegments, String resumeFrom) {
    }

    public RebuildReport run(Request request) {
        Instant deadline = clock.instant().plus(BUDGET);
        int totalSegments = Math.max(1, request.totalSegments());
        Map<String, AttributeValue> start = tokens.decode(scope(request), request.resumeFrom());
        List<RebuildReport.Drift> drift = new ArrayList<>();
        List<RebuildReport.Refusal> refused = new ArrayList<>();
        int courses = 0;
        int repaired = 0;
        List<String> ranksMoved = new ArrayList<>();
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = table.client().scan(b -> b.tableName(table.name())
                    .segment(request.segment()).totalSegments(totalSegments)
                    .filterExpression("#entity = :course")
                    .expressionAttributeValues(Map.of(":course", AttributeValue.fromS(CourseKeys.ENTITY)))
                    .projectionExpression("courseId, #entity, #status, #version")
                    .expressionAttributeNames(Map.of("#entity", ItemWriter.ENTITY, "#status", "status", "#version", ItemWriter.VERSION))
                    .exclusiveStartKey(from)
                    .limit(SCAN_PAGE));
            for (Map<String, AttributeValue> course : page.items()) {
                courses++;
                if (check(request, course, drift, refused, ranksMoved)) {
                    repaired++;
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && clock.instant().isBefore(deadline));
        RebuildReport report = new RebuildReport(request.runId(), courses, drift, repaired, refused, ranksMoved.size(),
                tokens.encode(scope(request), start));
        Log.infof("Aggregate rebuild %s segment %d/%d: %d courses, %d drifted counters, %d repaired, %d refused, %d ranks moved%s",
                request.runId(), request.segment(), totalSegments, courses, drift.size(), repaired, refused.size(), ranksMoved.size(),
                start == null ? "" : ", more to do");
        return report;
    }

    private static String scope(Request request) {
        return "rebuild:" + request.runId() + ":" + request.segment() + "/" + Math.max(1, request.totalSegments());
    }

    /**
     * One course: recount, compare, record or repair; true when a correction was written. An aggregate of the layout
     * before rank items that still carries the top-rated key is rolled up once, whatever the run: the roll-up writes its
     * rank item and takes the key off it in one transaction, and counts nothing (a course nothing happens to would
     * otherwise keep its old entry until its next event). Its id is added to {@code ranksMoved}.
     */
    private boolean check(Request request, Map<String, AttributeValue> course, List<RebuildReport.Drift> drift,
            List<RebuildReport.Refusal> refused, List<String> ranksMoved) {
        String courseId = Items.string(course, "courseId");
        Instant checkedAt = clock.instant();
        Recount recount = recount(courseId);
        Map<String, Long> stored = new LinkedHashMap<>();
        CourseStatsCodec.COUNTERS.forEach(counter -> stored.put(counter, 0L));
        Map<String, Long> shardWrites = new HashMap<>();
        Map<String, AttributeValue> aggregate = null;
        Instant lastShardWrite = Instant.EPOCH;
        for (Map<String, AttributeValue> item : writer.aggregateAndShards(courseId)) {
            String sk = Items.string(item, TableDesign.SK);
            if (CourseStatsKeys.SORT_KEY.equals(sk)) {
                aggregate = item;
                continue;
            }
            CourseStatsCodec.COUNTERS.forEach(counter -> stored.merge(counter, Items.number(item, counter, 0), Long::sum));
            shardWrites.put(sk, Items.number(item, CourseStatsCodec.SHARD_WRITES, 0));
            lastShardWrite = later(lastShardWrite, Items.instant(item, ItemWriter.UPDATED_AT));
        }
        if (aggregate != null && CourseRankCodec.recordedOn(aggregate).isEmpty()) {
            writer.rollUp(courseId);
            ranksMoved.add(courseId);
        }
        boolean published = CourseStatus.PUBLISHED.value().equals(Items.string(course, "status"));
        if (aggregate == null || published != Items.bool(aggregate, CourseStatsCodec.PUBLISHED)) {
            // Publication is versioned by the course item itself: setting it can never count anything twice.
            drift.add(new RebuildReport.Drift(courseId, CourseStatsCodec.PUBLISHED, published ? 1 : 0,
                    aggregate != null && Items.bool(aggregate, CourseStatsCodec.PUBLISHED) ? 1 : 0));
            if (request.repair()) {
                writer.setPublished(courseId, published, Items.number(course, ItemWriter.VERSION, 0));
            }
        }
        Map<String, Long> correction = new LinkedHashMap<>();
        for (String counter : CourseStatsCodec.COUNTERS) {
            long want = recount.counters().getOrDefault(counter, 0L);
            long have = stored.get(counter);
            if (want != have) {
                drift.add(new RebuildReport.Drift(courseId, counter, want, have));
                correction.put(counter, want - have);
            }
        }
        Key candidateKey = RebuildKeys.candidate(request.runId(), courseId);
        if (correction.isEmpty()) {
            return false;
        }
        if (!request.repair()) {
            recordCandidate(candidateKey, correction, shardWrites, checkedAt);
            return false;
        }
        String refusal = refusal(candidateKey, correction, shardWrites, recount.lastChange(), lastShardWrite, courseId);
        if (refusal != null) {
            refused.add(new RebuildReport.Refusal(courseId, refusal));
            return false;
        }
        if (!writer.correct(courseId, correction, shardWrites)) {
            refused.add(new RebuildReport.Refusal(courseId, "a counter shard was written during the repair"));
            return false;
        }
        table.batchWrite(List.of(), List.of(candidateKey));
        return true;
    }

    /** Why a course may not be corrected now, or null. */
    private String refusal(Key candidateKey, Map<String, Long> correction, Map<String, Long> shardWrites, Instant lastSourceChange,
            Instant lastShardWrite, String courseId) {
        Map<String, AttributeValue> candidate = table.get(candidateKey).orElse(null);
        if (candidate == null) {
            return "not recorded by a check of this run";
        }
        Instant checkedAt = Items.instant(candidate, "checkedAt");
        Duration settle = config.stream().rebuildSettle();
        if (checkedAt == null || clock.instant().isBefore(checkedAt.plus(settle))) {
            return "checked less than " + settle + " ago";
        }
        if (!encode(correction).equals(candidate.get("correction")) || !encode(shardWrites).equals(candidate.get("shardWrites"))) {
            return "changed since the check";
        }
        if (lastSourceChange.isAfter(checkedAt) || lastShardWrite.isAfter(checkedAt)) {
            return "changed since the check";
        }
        if (parked.anyFor(StreamConsumer.AGGREGATES, courseId)) {
            return "stream records of the course are parked (replay them first)";
        }
        return null;
    }

    /** The difference and the shards' write counts as this check saw them; a later check of the run starts the clock again. */
    private void recordCandidate(Key key, Map<String, Long> correction, Map<String, Long> shardWrites, Instant checkedAt) {
        Map<String, AttributeValue> item = new HashMap<>(ItemWriter.of(key, RebuildKeys.ENTITY, 1)
                .put("checkedAt", checkedAt)
                .put(TableDesign.TTL_ATTRIBUTE, checkedAt.plus(CANDIDATE_LIFETIME).getEpochSecond())
                .build());
        item.put("correction", encode(correction));
        item.put("shardWrites", encode(shardWrites));
        table.client().putItem(b -> b.tableName(table.name()).item(item));
    }

    private static AttributeValue encode(Map<String, Long> numbers) {
        Map<String, AttributeValue> map = new HashMap<>();
        numbers.forEach((name, value) -> map.put(name, AttributeValue.fromN(Long.toString(value))));
        return AttributeValue.fromM(map);
    }

    /** A course's counters recomputed from its items, and when the latest of them was written. */
    record Recount(Map<String, Long> counters, Instant lastChange) {
    }

    private Recount recount(String courseId) {
        Map<String, Long> expected = new LinkedHashMap<>();
        Instant[] last = {Instant.EPOCH};
        List<Map<String, AttributeValue>> sources = new ArrayList<>(table.queryAll(QueryRequest.builder()
                .keyConditionExpression("PK = :pk AND begins_with(SK, :reviews)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseKeys.partition(courseId)),
                        ":reviews", AttributeValue.fromS(ReviewKeys.SORT_PREFIX)))
                .consistentRead(true), Integer.MAX_VALUE));
        sources.addAll(table.queryAll(QueryRequest.builder()
                .indexName(TableDesign.GSI1.name())
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(EnrollmentKeys.coursePartition(courseId)))),
                Integer.MAX_VALUE));
        for (Map<String, AttributeValue> item : sources) {
            last[0] = later(last[0], Items.instant(item, ItemWriter.UPDATED_AT));
            for (CourseCounters counter : counters) {
                if (counter.entity().equals(Items.string(item, ItemWriter.ENTITY))) {
                    counter.contribution(item).forEach((name, value) -> expected.merge(name, value, Long::sum));
                }
            }
        }
        return new Recount(expected, last[0]);
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
