package dev.skillforge.stream.apply;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.StreamMarkerKeys;
import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.stream.StreamProcessorIdentity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Applies counter deltas to a course's aggregate item exactly once per stream event, with single-item
 * conditional writes only:
 * <ol>
 * <li>If the event's marker item exists, the event was applied: only tidy up (step 4) and stop.</li>
 * <li>One UpdateItem ADDs the deltas and adds the event id to the aggregate's small {@code inflight} set, on the
 * condition that the set does not hold it yet. So the deltas and the guard change in the same write.</li>
 * <li>Put the marker item (it expires through TTL after the stream's 24-hour retention).</li>
 * <li>Remove the event id from {@code inflight}.</li>
 * </ol>
 * A crash after 2 leaves the id in {@code inflight}: the replay's step 2 is refused and 3 and 4 finish the job.
 * A crash after 3 leaves the marker: the replay stops at 1. {@code inflight} only ever holds events being applied
 * right now, so it stays tiny however many events a course sees (no per-source-item state on the aggregate).
 */
@ApplicationScoped
public class AggregateWriter {

    /**
     * Events per grouped UpdateItem. Their ids sit in {@code inflight} until the markers are written: 1,000 ids are
     * about 40 KB of the aggregate's 400 KB item limit. The condition does not list them, so it stays short. A course
     * with more events in one run takes the one-by-one path for the rest (the first group is still in flight).
     */
    static final int GROUP_LIMIT = 1_000;
    /** Courses written at the same time within one batch. */
    static final int PARALLEL_COURSES = 16;

    /** Longer than the stream's 24-hour retention: no replay can come after a marker expires. */
    static final Duration MARKER_LIFETIME = Duration.ofHours(48);

    @Inject
    SkillForgeTable table;

    @Inject
    SkillForgeConfig config;

    @Inject
    Clock clock;

    /** One event's counter deltas for one course. */
    public record Change(String eventId, String courseId, Map<String, Long> deltas) {
    }

    /**
     * A course whose events a call settled. {@code after} is the aggregate as that call's last counter write returned
     * it, or null when it was not asked for or is not known (its events had been applied before, or went one by one).
     */
    public record Settled(String courseId, Map<String, AttributeValue> after) {
    }

    /**
     * Applies many events' deltas exactly once with few calls: one BatchGetItem for the markers; per course one
     * UpdateItem that adds the summed deltas and all the events' ids to {@code inflight}, on the condition that
     * nothing is in flight on that aggregate; the markers of all courses in shared BatchWriteItems; per course one
     * UpdateItem that takes the ids out again. Courses are written concurrently; each course's events stay in one
     * write. When a course's grouped write is refused (ids left in flight by a crashed attempt, another shard's batch
     * applying to the same course right now, or a removal for a course without an aggregate) its events take the
     * one-by-one path, whose condition names the one event, and which settles each of them exactly. Returns every
     * course of the changes, replayed ones included: a replay may follow a crash that came before what depends on
     * the counters (the ranking) was brought up to date. With {@code returnAggregate} the counter writes return the
     * aggregate (for what follows the counters), else nothing: most appliers need no copy of it back.
     */
    public List<Settled> applyAllOnce(String applier, List<Change> changes, boolean returnAggregate) {
        Map<String, Change> unique = new LinkedHashMap<>();
        changes.forEach(change -> unique.putIfAbsent(change.eventId(), change));
        Set<Key> applied = new HashSet<>();
        // Strongly consistent: an eventually consistent read can miss a marker written moments ago, and a replay (after
        // a partial failure, within the lag) would then add the event's deltas a second time.
        for (Map<String, AttributeValue> marker : table.batchGetConsistent(unique.keySet().stream()
                .map(eventId -> StreamMarkerKeys.primary(eventId, applier)).toList())) {
            applied.add(new Key(marker.get(TableDesign.PK).s(), marker.get(TableDesign.SK).s()));
        }
        Map<String, List<Change>> byCourse = new LinkedHashMap<>();
        unique.values().forEach(change -> byCourse.computeIfAbsent(change.courseId(), c -> new ArrayList<>()).add(change));

        Map<String, Settled> outcomes = new ConcurrentHashMap<>();
        Map<String, List<String>> settled = new ConcurrentHashMap<>();
        List<Map<String, AttributeValue>> markers = java.util.Collections.synchronizedList(new ArrayList<>());
        forEachCourse(byCourse.keySet(), courseId -> {
            List<String> done = new ArrayList<>();
            List<Change> fresh = new ArrayList<>();
            for (Change change : byCourse.get(courseId)) {
                if (applied.contains(StreamMarkerKeys.primary(change.eventId(), applier))) {
                    done.add(change.eventId());
                } else {
                    fresh.add(change);
                }
            }
            // The aggregate after this course's last counter write here; unknown once a write returned nothing.
            Map<String, AttributeValue> after = null;
            for (int from = 0; from < fresh.size(); from += GROUP_LIMIT) {
                List<Change> group = fresh.subList(from, Math.min(fresh.size(), from + GROUP_LIMIT));
                Map<String, AttributeValue> written = addGroupDeltas(courseId, group, returnAggregate);
                after = returnAggregate ? written : null;
                if (written != null) {
                    group.forEach(change -> {
                        markers.add(marker(change.eventId(), applier, courseId));
                        done.add(change.eventId());
                    });
                } else {
                    for (Change change : group) {
                        applyOnce(change.eventId(), applier, courseId, change.deltas());
                    }
                }
            }
            settled.put(courseId, done);
            outcomes.put(courseId, new Settled(courseId, after));
        });
        // Markers before the ids leave inflight: a crash in between leaves ids that a replay settles (its step 1).
        table.batchWrite(List.copyOf(markers), List.of());
        forEachCourse(settled.keySet(), courseId -> {
            if (!settled.get(courseId).isEmpty()) {
                leaveInflight(courseId, settled.get(courseId));
            }
        });
        return byCourse.keySet().stream().map(outcomes::get).toList();
    }

    /** Runs the work for each course concurrently (at most {@link #PARALLEL_COURSES} at a time); rethrows the first failure. */
    private static void forEachCourse(Set<String> courseIds, java.util.function.Consumer<String> work) {
        Concurrently.forEach(courseIds, PARALLEL_COURSES, work);
    }

    /**
     * The summed deltas of a group of fresh events in one conditional UpdateItem; null if refused, else the aggregate
     * as the write left it when asked for (so what follows the counters needs no read), or an empty map. A group of one
     * is refused only if that event is in flight; a larger group whenever anything is, because a condition with one
     * {@code NOT contains} per event grows with the group (and parsing it was most of dynalite's work in the
     * throughput benchmark).
     */
    private Map<String, AttributeValue> addGroupDeltas(String courseId, List<Change> group, boolean returnAggregate) {
        Map<String, Long> sum = new LinkedHashMap<>();
        boolean removes = false;
        for (Change change : group) {
            for (Map.Entry<String, Long> delta : change.deltas().entrySet()) {
                sum.merge(delta.getKey(), delta.getValue(), Long::sum);
                removes |= delta.getValue() < 0;
            }
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> delta : sum.entrySet()) {
            names.put("#d" + i, delta.getKey());
            values.put(":d" + i, AttributeValue.fromN(Long.toString(delta.getValue())));
            adds.add("#d" + i + " :d" + i);
            i++;
        }
        names.put("#inflight", CourseStatsCodec.IN_FLIGHT);
        values.put(":events", AttributeValue.fromSs(group.stream().map(Change::eventId).toList()));
        adds.add("#inflight :events");
        String notInFlight = "attribute_not_exists(#inflight)";
        if (group.size() == 1) {
            values.put(":event", AttributeValue.fromS(group.get(0).eventId()));
            notInFlight = "(" + notInFlight + " OR NOT contains(#inflight, :event))";
        }
        String set = stampOwnAttributes(courseId, names, values);
        // A removal never creates the aggregate: if the course (and its aggregate) is gone, there is nothing to count.
        String condition = (removes ? "attribute_exists(PK) AND " : "") + notInFlight;
        try {
            return table.client().updateItem(b -> b.tableName(table.name())
                    .key(CourseStatsKeys.primary(courseId).toAttributes())
                    .updateExpression(set + " ADD " + String.join(", ", adds))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .returnValues(returnAggregate ? ReturnValue.ALL_NEW : ReturnValue.NONE)).attributes();
        } catch (ConditionalCheckFailedException replayedOrGone) {
            return null;
        }
    }

    private Map<String, AttributeValue> marker(String eventId, String applier, String courseId) {
        return ItemWriter.of(StreamMarkerKeys.primary(eventId, applier), StreamMarkerKeys.ENTITY, 1)
                .put("courseId", courseId)
                .put(TableDesign.TTL_ATTRIBUTE, clock.instant().plus(MARKER_LIFETIME).getEpochSecond())
                .build();
    }

    /** One event by the steps in the class comment; refused in step 2 when a crashed attempt left it in flight. */
    private void applyOnce(String eventId, String applier, String courseId, Map<String, Long> deltas) {
        Key marker = StreamMarkerKeys.primary(eventId, applier);
        if (table.get(marker).isPresent()) {
            leaveInflight(courseId, List.of(eventId));
            return;
        }
        addGroupDeltas(courseId, List.of(new Change(eventId, courseId, deltas)), false);
        table.client().putItem(b -> b.tableName(table.name()).item(marker(eventId, applier, courseId)));
        leaveInflight(courseId, List.of(eventId));
    }

    private void leaveInflight(String courseId, List<String> eventIds) {
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CourseStatsKeys.primary(courseId).toAttributes())
                    .updateExpression("DELETE #inflight :event")
                    .conditionExpression("attribute_exists(PK)")
                    .expressionAttributeNames(Map.of("#inflight", CourseStatsCodec.IN_FLIGHT))
                    .expressionAttributeValues(Map.of(":event", AttributeValue.fromSs(eventIds))));
        } catch (ConditionalCheckFailedException gone) {
            // no aggregate, nothing to tidy
        }
    }

    /**
     * Sets whether the course is published, guarded by the course item's version so an older course event can
     * never undo a newer one.
     */
    public void setPublished(String courseId, boolean published, long courseVersion) {
        Map<String, String> names = new HashMap<>(Map.of("#published", CourseStatsCodec.PUBLISHED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":published", AttributeValue.fromBool(published),
                ":courseVersion", AttributeValue.fromN(Long.toString(courseVersion))));
        String set = stampOwnAttributes(courseId, names, values) + ", #published = :published, courseVersion = :courseVersion";
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CourseStatsKeys.primary(courseId).toAttributes())
                    .updateExpression(set)
                    .conditionExpression("attribute_not_exists(courseVersion) OR courseVersion < :courseVersion")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException newerAlreadyApplied) {
            // a later version of the course was applied first
        }
    }

    /** The course is gone: so is its aggregate (and with it its top-rated entry). */
    public void deleteAggregate(String courseId) {
        table.client().deleteItem(b -> b.tableName(table.name()).key(CourseStatsKeys.primary(courseId).toAttributes()));
    }

    /** {@link #refreshRanking(String, Map)} from the aggregate as it is now. */
    public void refreshRanking(String courseId) {
        refreshRanking(courseId, null);
    }

    /**
     * Recomputes the average and the top-rated index key from the aggregate as {@code seen} (the caller's own last
     * write returned it; null: read it now). The write is conditional on the counters it was computed from, so a
     * later change (which refreshes after itself) always wins.
     */
    public void refreshRanking(String courseId, Map<String, AttributeValue> seen) {
        Map<String, AttributeValue> item = seen != null ? seen : table.get(CourseStatsKeys.primary(courseId)).orElse(null);
        if (item == null) {
            return;
        }
        CourseStats stats = CourseStatsCodec.fromItem(courseId, item);
        boolean ranked = stats.published() && stats.reviewCount() >= config.topRated().minReviews() && stats.reviewCount() > 0;
        Map<String, String> names = new HashMap<>(Map.of("#average", CourseStatsCodec.AVERAGE,
                "#gsiPk", TableDesign.GSI2.partitionKey(), "#gsiSk", TableDesign.GSI2.sortKey(),
                "#count", CourseStatsCodec.REVIEW_COUNT, "#sum", CourseStatsCodec.RATING_SUM, "#published", CourseStatsCodec.PUBLISHED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":average", AttributeValue.fromN(Double.toString(stats.average()))));
        String update;
        if (ranked) {
            IndexKey key = CourseStatsKeys.topRated(stats.averageMillis(), stats.reviewCount(), courseId);
            values.put(":gsiPk", AttributeValue.fromS(key.pk()));
            values.put(":gsiSk", AttributeValue.fromS(key.sk()));
            update = "SET #average = :average, #gsiPk = :gsiPk, #gsiSk = :gsiSk";
        } else {
            update = "SET #average = :average REMOVE #gsiPk, #gsiSk";
        }
        String condition = same("#count", ":count", item.get(CourseStatsCodec.REVIEW_COUNT), values) + " AND "
                + same("#sum", ":sum", item.get(CourseStatsCodec.RATING_SUM), values) + " AND "
                + same("#published", ":pub", item.get(CourseStatsCodec.PUBLISHED), values);
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CourseStatsKeys.primary(courseId).toAttributes())
                    .updateExpression(update)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            // whoever changed it refreshes after their own change
        }
    }

    private static String same(String name, String placeholder, AttributeValue seen, Map<String, AttributeValue> values) {
        if (seen == null) {
            return "attribute_not_exists(" + name + ")";
        }
        values.put(placeholder, seen);
        return name + " = " + placeholder;
    }

    /** The aggregate's identity and audit attributes, (re)stated by every processor write. */
    private String stampOwnAttributes(String courseId, Map<String, String> names, Map<String, AttributeValue> values) {
        names.put("#entity", ItemWriter.ENTITY);
        names.put("#schemaVersion", ItemWriter.SCHEMA_VERSION);
        names.put("#updatedAt", ItemWriter.UPDATED_AT);
        names.put("#updatedBy", ItemWriter.UPDATED_BY);
        values.put(":entity", AttributeValue.fromS(CourseStatsKeys.ENTITY));
        values.put(":schemaVersion", AttributeValue.fromN(Integer.toString(CourseStatsCodec.SCHEMA_VERSION)));
        values.put(":courseId", AttributeValue.fromS(courseId));
        values.put(":now", AttributeValue.fromS(Timestamps.sortable(clock.instant())));
        values.put(":processor", AttributeValue.fromS(StreamProcessorIdentity.ACTOR));
        return "SET #entity = :entity, #schemaVersion = :schemaVersion, courseId = :courseId, #updatedAt = :now, #updatedBy = :processor";
    }
}
