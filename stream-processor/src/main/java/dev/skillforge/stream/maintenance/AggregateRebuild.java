package dev.skillforge.stream.maintenance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.stream.StreamProcessorIdentity;
import dev.skillforge.stream.apply.AggregateWriter;
import dev.skillforge.stream.apply.CourseCounters;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * MAINTENANCE ONLY (an admin invokes the stream-processor function directly; never on a request path):
 * recomputes every course's aggregates from the table's items with a full Scan, reports every counter that
 * drifted, and with {@code repair} sets the exact values. A repair is conditional on the counters it saw, so an
 * aggregate that the stream changed during the scan is reported and left for a second run.
 */
@ApplicationScoped
public class AggregateRebuild {

    public static final String NAME = "rebuild-aggregates";
    static final List<String> COUNTERS = List.of(CourseStatsCodec.REVIEW_COUNT, CourseStatsCodec.RATING_SUM,
            CourseStatsCodec.bucket(1), CourseStatsCodec.bucket(2), CourseStatsCodec.bucket(3), CourseStatsCodec.bucket(4),
            CourseStatsCodec.bucket(5), CourseStatsCodec.ENROLLMENT_COUNT, CourseStatsCodec.COMPLETION_COUNT);

    @Inject
    SkillForgeTable table;

    @Inject
    AggregateWriter writer;

    /** The same counting rules the stream applies. */
    @Inject
    Instance<CourseCounters> counters;

    public RebuildReport run(boolean repair) {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        Map<String, Map<String, AttributeValue>> stored = new HashMap<>();
        Map<String, Boolean> published = new HashMap<>();
        Map<String, Long> courseVersions = new HashMap<>();
        long scanned = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = table.client().scan(b -> b.tableName(table.name()).exclusiveStartKey(from).consistentRead(true));
            for (Map<String, AttributeValue> item : page.items()) {
                scanned++;
                count(item, expected, stored, published, courseVersions);
                countContributions(item, expected);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        List<RebuildReport.Drift> drift = new ArrayList<>();
        int repaired = 0;
        int changed = 0;
        // Reviews or enrollments of a course item that no longer exists: reported, never counted into an aggregate.
        for (String gone : expected.keySet().stream().filter(id -> !published.containsKey(id)).sorted().toList()) {
            Map<String, Long> left = expected.remove(gone);
            drift.add(new RebuildReport.Drift(gone, "itemsOfDeletedCourse",
                    0, left.getOrDefault(CourseStatsCodec.REVIEW_COUNT, 0L) + left.getOrDefault(CourseStatsCodec.ENROLLMENT_COUNT, 0L)));
        }
        for (String orphan : stored.keySet().stream().filter(id -> !expected.containsKey(id)).sorted().toList()) {
            drift.add(new RebuildReport.Drift(orphan, "course", 0, 1));
            if (repair) {
                writer.deleteAggregate(orphan);
                repaired++;
            }
        }
        for (Map.Entry<String, Map<String, Long>> course : expected.entrySet()) {
            String courseId = course.getKey();
            Map<String, AttributeValue> actual = stored.getOrDefault(courseId, Map.of());
            boolean publishedNow = published.getOrDefault(courseId, false);
            boolean drifted = false;
            if (publishedNow != Items.bool(actual, CourseStatsCodec.PUBLISHED)) {
                drift.add(new RebuildReport.Drift(courseId, CourseStatsCodec.PUBLISHED, publishedNow ? 1 : 0, publishedNow ? 0 : 1));
                drifted = true;
            }
            for (String counter : COUNTERS) {
                long want = course.getValue().getOrDefault(counter, 0L);
                long have = Items.number(actual, counter, 0);
                if (want != have) {
                    drift.add(new RebuildReport.Drift(courseId, counter, want, have));
                    drifted = true;
                }
            }
            if (drifted && repair) {
                if (setExactly(courseId, course.getValue(), actual, publishedNow, courseVersions.getOrDefault(courseId, 0L))) {
                    writer.refreshRanking(courseId);
                    repaired++;
                } else {
                    changed++;
                }
            }
        }
        RebuildReport report = new RebuildReport(scanned, expected.size(), drift, repaired, changed);
        Log.infof("Aggregate rebuild: %d items, %d courses, %d drifted counters, %d repaired, %d changed during the run",
                scanned, expected.size(), drift.size(), repaired, changed);
        return report;
    }

    private static void count(Map<String, AttributeValue> item, Map<String, Map<String, Long>> expected,
            Map<String, Map<String, AttributeValue>> stored, Map<String, Boolean> published, Map<String, Long> courseVersions) {
        String entity = Items.string(item, ItemWriter.ENTITY);
        String courseId = Items.string(item, "courseId");
        if (entity == null || courseId == null) {
            return;
        }
        switch (entity) {
            case CourseKeys.ENTITY -> {
                expected.computeIfAbsent(courseId, k -> new LinkedHashMap<>());
                published.put(courseId, CourseStatus.PUBLISHED.value().equals(Items.string(item, "status")));
                courseVersions.put(courseId, Items.number(item, ItemWriter.VERSION, 0));
            }
            case CourseStatsKeys.ENTITY -> stored.put(courseId, item);
            default -> {
            }
        }
    }

    private void countContributions(Map<String, AttributeValue> item, Map<String, Map<String, Long>> expected) {
        String entity = Items.string(item, ItemWriter.ENTITY);
        String courseId = Items.string(item, "courseId");
        if (entity == null || courseId == null) {
            return;
        }
        for (CourseCounters counter : counters) {
            if (counter.entity().equals(entity)) {
                Map<String, Long> course = expected.computeIfAbsent(courseId, k -> new LinkedHashMap<>());
                counter.contribution(item).forEach((name, value) -> course.merge(name, value, Long::sum));
            }
        }
    }

    /** Sets every counter to its recomputed value, only if the aggregate still holds what the scan saw. */
    private boolean setExactly(String courseId, Map<String, Long> want, Map<String, AttributeValue> seen, boolean published,
            long courseVersion) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        int i = 0;
        for (String counter : COUNTERS) {
            names.put("#c" + i, counter);
            values.put(":v" + i, AttributeValue.fromN(Long.toString(want.getOrDefault(counter, 0L))));
            sets.add("#c" + i + " = :v" + i);
            AttributeValue before = seen.get(counter);
            if (before == null) {
                conditions.add("attribute_not_exists(#c" + i + ")");
            } else {
                values.put(":s" + i, before);
                conditions.add("#c" + i + " = :s" + i);
            }
            i++;
        }
        names.put("#entity", ItemWriter.ENTITY);
        names.put("#updatedBy", ItemWriter.UPDATED_BY);
        values.put(":entity", AttributeValue.fromS(CourseStatsKeys.ENTITY));
        values.put(":courseId", AttributeValue.fromS(courseId));
        values.put(":by", AttributeValue.fromS(StreamProcessorIdentity.ACTOR));
        names.put("#published", CourseStatsCodec.PUBLISHED);
        values.put(":published", AttributeValue.fromBool(published));
        values.put(":courseVersion", AttributeValue.fromN(Long.toString(courseVersion)));
        sets.add("#published = :published");
        sets.add("courseVersion = :courseVersion");
        sets.add("#entity = :entity");
        sets.add("courseId = :courseId");
        sets.add("#updatedBy = :by");
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CourseStatsKeys.primary(courseId).toAttributes())
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException changedDuringScan) {
            return false;
        }
    }
}
