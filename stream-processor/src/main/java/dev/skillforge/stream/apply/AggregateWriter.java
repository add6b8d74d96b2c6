package dev.skillforge.stream.apply;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.aggregate.CourseRankCodec;
import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsCodec;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.StreamMarkerKeys;
import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.stream.InvocationDeadline;
import dev.skillforge.stream.StreamProcessorIdentity;
import dev.skillforge.stream.failure.ParkedRecords;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Keeps a course's aggregate exact, applying each stream event's counter deltas exactly once.
 * <p>
 * <b>Exactly once, decided by the write.</b> A group of up to {@link #EVENTS_PER_TRANSACTION} events of one course is
 * one TransactWriteItems: for every event, put its marker on the condition that it does not exist; and ADD the group's
 * summed deltas to one of the course's counter shards, on the condition that the shard is not closed (a deleted
 * course's shards are tombstones: nothing more is counted for it). DynamoDB commits all of it or nothing, so an event's deltas are
 * counted if and only if its marker was written, whatever was read before, however often a record is delivered. A
 * cancelled transaction says, per item, which markers already existed: those events were applied earlier and leave
 * the group, the rest go again. Nothing is read first, so there is no window for a stale or raced read.
 * <p>
 * <b>Hot courses.</b> The deltas go to one of {@link CourseStatsKeys#COUNTER_SHARDS} shard items picked at random per
 * transaction, so batches from many stream shards on the same viral course rarely touch the same item at once (a
 * transaction that does is cancelled with TransactionConflict and retried on another shard) and no item takes more
 * than a fraction of the course's writes. After its transactions, each course is <b>rolled up</b>: one consistent
 * Query reads the aggregate and its shards, and the sums and the average are set on the aggregate, on the condition that
 * no roll-up from a later view of the shards got there first (each shard counts its writes; the aggregate keeps the sum
 * it was rolled up from, and that sum only grows).
 * <p>
 * <b>The top-rated list is not rewritten by every roll-up.</b> A course's entry in the list (GSI2, projecting every
 * attribute) is on a small rank item of its own, not on the aggregate. The aggregate records which entry its rank item
 * holds ({@code rankedAs}); a roll-up writes the rank item, in one transaction with the aggregate under the same
 * ordering condition, only when the entry changes (the average, the review count or the publication). Enrollments and
 * completions, most of a popular course's events, roll up with one UpdateItem of the aggregate alone.
 */
@ApplicationScoped
public class AggregateWriter {

    /** Marker puts per transaction: with the shard update, DynamoDB's limit of 100 items (one kept spare). */
    static final int EVENTS_PER_TRANSACTION = 98;
    /** Courses written at the same time within one batch. */
    static final int PARALLEL_COURSES = 16;
    /** Transactions cancelled by a conflict or throttling are tried again, on another shard, this many times in all. */
    static final int MAX_ATTEMPTS = 8;

    /**
     * Longer than a parked record may wait for the replay command ({@link ParkedRecords#REPLAYABLE_FOR}) plus the 24 hours
     * a record can stay in the stream (and be retried) after its event was applied, with a day to spare: no replay comes
     * after its event's marker expires.
     */
    public static final Duration MARKER_LIFETIME = ParkedRecords.REPLAYABLE_FOR.plus(Duration.ofDays(2));
    /**
     * A deleted course's closed shards stay for a year: a cascade resumed long after the delete still produces enrollment
     * removals, which must find the shards closed rather than start new ones.
     */
    static final Duration TOMBSTONE_LIFETIME = Duration.ofDays(365);
    /** Time a transaction (with its possible retries) may need; less than this left and the run stops for a retry. */
    static final long TRANSACTION_BUDGET_MS = 3_000;

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** The appliers that counted under the protocol before counter shards (their markers are written on migration). */
    private static final List<String> LEGACY_APPLIERS = List.of("enrollment-counters", "review-aggregates");
    private static final List<String> RETRYABLE = List.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");

    @Inject
    SkillForgeTable table;

    @Inject
    SkillForgeConfig config;

    @Inject
    Clock clock;

    @Inject
    InvocationDeadline deadline;

    /** One event's counter deltas for one course. */
    public record Change(String eventId, String courseId, Map<String, Long> deltas) {
    }

    /**
     * Applies every change exactly once (by the class comment), the courses concurrently, then rolls each course up.
     * A course whose changes were all applied before is rolled up too: the replay may follow a crash that came between
     * the transaction and the roll-up.
     */
    public void applyAllOnce(String applier, List<Change> changes) {
        Map<String, Change> unique = new LinkedHashMap<>();
        changes.forEach(change -> unique.putIfAbsent(change.eventId(), change));
        Map<String, List<Change>> byCourse = new LinkedHashMap<>();
        unique.values().forEach(change -> byCourse.computeIfAbsent(change.courseId(), c -> new ArrayList<>()).add(change));
        Concurrently.forEach(byCourse.keySet(), PARALLEL_COURSES, courseId -> {
            ensureMigrated(courseId);
            List<Change> events = byCourse.get(courseId);
            for (int from = 0; from < events.size(); from += EVENTS_PER_TRANSACTION) {
                applyGroup(applier, courseId, events.subList(from, Math.min(events.size(), from + EVENTS_PER_TRANSACTION)));
            }
            rollUp(courseId);
        });
    }

    /** One group by the class comment; returns when every event of it is applied (now or before) or its course is gone. */
    private void applyGroup(String applier, String courseId, List<Change> group) {
        List<Change> pending = new ArrayList<>(group);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            deadline.require(TRANSACTION_BUDGET_MS);
            List<TransactWriteItem> items = new ArrayList<>();
            items.add(TransactWriteItem.builder().update(addDeltas(courseId, pending)).build());
            int firstMarker = items.size();
            for (Change change : pending) {
                items.add(TransactWriteItem.builder().put(put -> put.tableName(table.name())
                        .item(marker(change.eventId(), applier, courseId))
                        .conditionExpression("attribute_not_exists(PK)")).build());
            }
            try {
                table.client().transactWriteItems(b -> b.transactItems(items));
                return;
            } catch (TransactionInProgressException sameTokenStillRunning) {
                // The SDK's own retry of a slow attempt met that attempt still running: wait, then a new call decides.
                if (attempt >= MAX_ATTEMPTS) {
                    throw sameTokenStillRunning;
                }
                pause(attempt);
                continue;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
                if (CONDITION_FAILED.equals(code(reasons, 0))) {
                    Log.debugf("Course %s is deleted (its counter shards are closed): %d changes not counted", courseId, pending.size());
                    return;
                }
                List<Change> notYetApplied = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    if (!CONDITION_FAILED.equals(code(reasons, firstMarker + i))) {
                        notYetApplied.add(pending.get(i));
                    }
                }
                boolean retryable = reasons.stream().map(CancellationReason::code).anyMatch(RETRYABLE::contains);
                boolean unexplained = reasons.stream().map(CancellationReason::code)
                        .anyMatch(code -> code != null && !"None".equals(code) && !CONDITION_FAILED.equals(code) && !RETRYABLE.contains(code));
                if (unexplained || (!retryable && notYetApplied.size() == pending.size()) || (retryable && attempt >= MAX_ATTEMPTS)) {
                    throw cancelled;
                }
                if (retryable) {
                    deadline.require(TRANSACTION_BUDGET_MS);
                    pause(attempt);
                }
                pending = notYetApplied;
            }
        }
    }

    /** The terms {@code #dN :dN} of an ADD clause, one per non-zero delta, their names and values put in the maps. */
    private static List<String> addTerms(Map<String, Long> deltas, Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> adds = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Long> delta : deltas.entrySet()) {
            if (delta.getValue() != 0) {
                names.put("#d" + i, delta.getKey());
                values.put(":d" + i, AttributeValue.fromN(Long.toString(delta.getValue())));
                adds.add("#d" + i + " :d" + i);
                i++;
            }
        }
        return adds;
    }

    private static String code(List<CancellationReason> reasons, int index) {
        return index < reasons.size() ? reasons.get(index).code() : null;
    }

    /** Full jitter, 10 ms doubling to at most 640 ms: conflicting batches spread out instead of colliding again. */
    private static void pause(int attempt) {
        long ceiling = 10L << Math.min(attempt, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** The summed deltas of the pending events on a shard picked at random, and one more write on that shard. */
    private Update addDeltas(String courseId, List<Change> pending) {
        Map<String, Long> sum = new LinkedHashMap<>();
        for (Change change : pending) {
            change.deltas().forEach((counter, delta) -> sum.merge(counter, delta, Long::sum));
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = addTerms(sum, names, values);
        names.put("#writes", CourseStatsCodec.SHARD_WRITES);
        values.put(":one", AttributeValue.fromN("1"));
        adds.add("#writes :one");
        String set = stampOwnAttributes(CourseStatsKeys.SHARD_ENTITY, courseId, names, values);
        Key shard = CourseStatsKeys.counterShard(courseId, ThreadLocalRandom.current().nextInt(CourseStatsKeys.COUNTER_SHARDS));
        names.put("#closed", CourseStatsCodec.CLOSED);
        return Update.builder().tableName(table.name())
                .key(shard.toAttributes())
                .updateExpression("SET " + set + " ADD " + String.join(", ", adds))
                .conditionExpression("attribute_not_exists(#closed)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    private Map<String, AttributeValue> marker(String eventId, String applier, String courseId) {
        return ItemWriter.of(StreamMarkerKeys.primary(eventId, applier), StreamMarkerKeys.ENTITY, 1)
                .put("courseId", courseId)
                .put(TableDesign.TTL_ATTRIBUTE, clock.instant().plus(MARKER_LIFETIME).getEpochSecond())
                .build();
    }

    /**
     * The aggregate (first, when it exists) and its counter shards, read strongly consistent (every acknowledged
     * transaction is in it): one GetItem, one Query of the shards' partition.
     */
    public List<Map<String, AttributeValue>> aggregateAndShards(String courseId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        table.get(CourseStatsKeys.primary(courseId)).ifPresent(items::add);
        items.addAll(table.queryAll(QueryRequest.builder()
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseStatsKeys.countersPartition(courseId))))
                .consistentRead(true), CourseStatsKeys.COUNTER_SHARDS));
        return items;
    }

    /** Courses this instance has seen migrated (or never legacy): checked once per course per instance. */
    private final java.util.Set<String> migrated = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Before anything is counted for a course, once per instance: an aggregate of the earlier protocol is migrated
     * ({@link #migrateLegacyCounters}), so neither its counters nor its in-flight events are lost or counted twice.
     */
    private void ensureMigrated(String courseId) {
        if (migrated.contains(courseId)) {
            return;
        }
        Map<String, AttributeValue> aggregate = table.get(CourseStatsKeys.primary(courseId)).orElse(null);
        if (aggregate != null && !aggregate.containsKey(CourseStatsCodec.ROLLED_UP_FROM)) {
            if (CourseStatsCodec.COUNTERS.stream().anyMatch(counter -> Items.number(aggregate, counter, 0) != 0)) {
                migrateLegacyCounters(courseId, aggregate);
            } else {
                // Nothing counted yet (only its publication): it only needs the roll-up sum every aggregate now has.
                table.client().updateItem(b -> b.tableName(table.name()).key(CourseStatsKeys.primary(courseId).toAttributes())
                        .updateExpression("SET #from = if_not_exists(#from, :zero)")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeNames(Map.of("#from", CourseStatsCodec.ROLLED_UP_FROM))
                        .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"))));
            }
        }
        migrated.add(courseId);
    }

    /**
     * An aggregate written by the protocol before counter shards held its counters itself: they move into shard 0 in
     * one transaction with the aggregate's first {@code rolledUpFrom}, so they are counted once, and events that protocol
     * left in flight get their markers first (so a replay of them is not counted again). Runs once per aggregate.
     */
    private void migrateLegacyCounters(String courseId, Map<String, AttributeValue> aggregate) {
        AttributeValue inflight = aggregate.get(CourseStatsCodec.LEGACY_IN_FLIGHT);
        if (inflight != null && inflight.hasSs()) {
            List<Map<String, AttributeValue>> markers = new ArrayList<>();
            for (String eventId : inflight.ss()) {
                LEGACY_APPLIERS.forEach(applier -> markers.add(marker(eventId, applier, courseId)));
            }
            table.batchWrite(markers, List.of());
        }
        Map<String, String> names = new HashMap<>(Map.of("#writes", CourseStatsCodec.SHARD_WRITES, "#closed", CourseStatsCodec.CLOSED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1")));
        Map<String, Long> legacy = new LinkedHashMap<>();
        CourseStatsCodec.COUNTERS.forEach(counter -> legacy.put(counter, Items.number(aggregate, counter, 0)));
        List<String> adds = addTerms(legacy, names, values);
        adds.add("#writes :one");
        String set = stampOwnAttributes(CourseStatsKeys.SHARD_ENTITY, courseId, names, values);
        try {
            table.client().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(update -> update.tableName(table.name())
                            .key(CourseStatsKeys.counterShard(courseId, 0).toAttributes())
                            .updateExpression("SET " + set + " ADD " + String.join(", ", adds))
                            .conditionExpression("attribute_not_exists(#closed)")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)).build(),
                    TransactWriteItem.builder().update(update -> update.tableName(table.name())
                            .key(CourseStatsKeys.primary(courseId).toAttributes())
                            .updateExpression("SET #from = :zero REMOVE #inflight")
                            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(#from)")
                            .expressionAttributeNames(Map.of("#from", CourseStatsCodec.ROLLED_UP_FROM,
                                    "#inflight", CourseStatsCodec.LEGACY_IN_FLIGHT))
                            .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0")))).build()));
            Log.infof("Moved course %s's counters from the aggregate into its shards", courseId);
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            boolean alreadyMigratedOrGone = CONDITION_FAILED.equals(code(reasons, 1)) || CONDITION_FAILED.equals(code(reasons, 0));
            if (!alreadyMigratedOrGone) {
                // A conflict or throttling: nothing moved; the batch fails and its retry migrates.
                throw cancelled;
            }
        }
    }

    /** What one roll-up read: the aggregate as it was (null: none yet), the sums of the shards and their write count. */
    public record RollUpView(String courseId, Map<String, AttributeValue> aggregate, Map<String, Long> totals, long from) {

        /** The sums as aggregates, with the publication the aggregate had. */
        public CourseStats stats() {
            List<Long> histogram = new ArrayList<>();
            for (int stars = 1; stars <= 5; stars++) {
                histogram.add(totals.get(CourseStatsCodec.bucket(stars)));
            }
            return new CourseStats(courseId, totals.get(CourseStatsCodec.REVIEW_COUNT), totals.get(CourseStatsCodec.RATING_SUM), histogram,
                    totals.get(CourseStatsCodec.ENROLLMENT_COUNT), totals.get(CourseStatsCodec.COMPLETION_COUNT),
                    aggregate != null && Items.bool(aggregate, CourseStatsCodec.PUBLISHED));
        }
    }

    /** How a roll-up's write ended. */
    public enum RollUpOutcome {
        /** The aggregate (and, when its ranking changed, the rank item) now holds this view. */
        WRITTEN,
        /** Refused, and the aggregate holds a view at least as new (a later roll-up got there first): nothing to do. */
        SUPERSEDED,
        /** Refused by a concurrent write that left an older view in place: read again and roll up again. */
        RETRY
    }

    /**
     * Sets the aggregate's counters to the sums of its shards, with the average and the ranking that follow from them, by
     * the class comment. A roll-up refused because a later one got there first changes nothing, which is right; one
     * refused by a concurrent write of an older view (a ranking or publication written meanwhile, a transaction conflict)
     * reads again and tries again, at most {@link #MAX_ATTEMPTS} times in all, then fails the run, whose retry rolls up.
     */
    public void rollUp(String courseId) {
        ensureMigrated(courseId);
        for (int attempt = 1; ; attempt++) {
            RollUpView view = readRollUp(courseId);
            if (view == null || writeRollUp(view) != RollUpOutcome.RETRY) {
                return;
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("course " + courseId + " not rolled up: " + attempt + " attempts met concurrent writes");
            }
            deadline.require(TRANSACTION_BUDGET_MS);
            pause(attempt);
        }
    }

    /** The aggregate and the sums of its shards, read strongly consistent; null when the course is deleted or has nothing yet. */
    public RollUpView readRollUp(String courseId) {
        Map<String, AttributeValue> aggregate = null;
        Map<String, Long> totals = new LinkedHashMap<>();
        CourseStatsCodec.COUNTERS.forEach(counter -> totals.put(counter, 0L));
        long writes = 0;
        for (Map<String, AttributeValue> item : aggregateAndShards(courseId)) {
            if (CourseStatsKeys.SORT_KEY.equals(Items.string(item, TableDesign.SK))) {
                aggregate = item;
                continue;
            }
            if (Items.bool(item, CourseStatsCodec.CLOSED)) {
                return null;
            }
            CourseStatsCodec.COUNTERS.forEach(counter -> totals.merge(counter, Items.number(item, counter, 0), Long::sum));
            writes += Items.number(item, CourseStatsCodec.SHARD_WRITES, 0);
        }
        if (aggregate == null && writes == 0) {
            return null;
        }
        return new RollUpView(courseId, aggregate, totals, writes);
    }

    /**
     * Writes a roll-up view onto the aggregate, on the condition that no roll-up of a later view of the shards is there
     * (and the publication is still the one read). The rank item is written too, in the same transaction, only when the
     * list entry this view gives differs from the one the aggregate records ({@code rankedAs}): a roll-up of enrollments,
     * or of an edit that leaves the average and the count, is one UpdateItem of the aggregate that does not touch the list,
     * on the condition that the recorded entry is still the one read, so the two never disagree.
     */
    public RollUpOutcome writeRollUp(RollUpView view) {
        String courseId = view.courseId();
        String rankedAs = CourseRankCodec.rankedAs(view.stats(), config.topRated().minReviews());
        Optional<String> recorded = CourseRankCodec.recordedOn(view.aggregate());
        boolean rankChanges = recorded.isEmpty() || !recorded.get().equals(rankedAs);
        Update aggregate = aggregateUpdate(view, rankedAs, rankChanges ? null : recorded.get());
        try {
            if (rankChanges) {
                table.client().transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(aggregate).build(),
                        TransactWriteItem.builder().update(rankUpdate(view)).build()));
            } else {
                table.client().updateItem(SkillForgeTable.asRequest(aggregate));
            }
            return RollUpOutcome.WRITTEN;
        } catch (ConditionalCheckFailedException refused) {
            return afterRefusal(courseId, view.from());
        } catch (TransactionConflictException | TransactionInProgressException concurrentTransaction) {
            return RollUpOutcome.RETRY;
        } catch (TransactionCanceledException cancelled) {
            List<String> codes = cancelled.hasCancellationReasons()
                    ? cancelled.cancellationReasons().stream().map(CancellationReason::code).toList() : List.of();
            if (codes.stream().anyMatch(RETRYABLE::contains)) {
                return RollUpOutcome.RETRY;
            }
            if (codes.contains(CONDITION_FAILED)) {
                return afterRefusal(courseId, view.from());
            }
            throw cancelled;
        }
    }

    /** A refused roll-up: superseded when the aggregate holds a view at least as new (or is gone), else to be retried. */
    private RollUpOutcome afterRefusal(String courseId, long from) {
        Map<String, AttributeValue> now = table.get(CourseStatsKeys.primary(courseId)).orElse(null);
        return now == null || Items.number(now, CourseStatsCodec.ROLLED_UP_FROM, -1) >= from ? RollUpOutcome.SUPERSEDED : RollUpOutcome.RETRY;
    }

    /**
     * The aggregate's update: the sums, the average, the roll-up sum and the list entry the rank item holds; the list's
     * key of the layout before rank items is taken off (a no-op once it is gone). {@code unchangedRank} non-null: the
     * rank item is not written, so the recorded entry must still be that one.
     */
    private Update aggregateUpdate(RollUpView view, String rankedAs, String unchangedRank) {
        Map<String, AttributeValue> aggregate = view.aggregate();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>(List.of("SET " + stampOwnAttributes(CourseStatsKeys.ENTITY, CourseStatsCodec.SCHEMA_VERSION,
                view.courseId(), names, values)));
        int i = 0;
        for (Map.Entry<String, Long> total : view.totals().entrySet()) {
            names.put("#c" + i, total.getKey());
            values.put(":c" + i, AttributeValue.fromN(Long.toString(total.getValue())));
            sets.add("#c" + i + " = :c" + i);
            i++;
        }
        names.put("#average", CourseStatsCodec.AVERAGE);
        values.put(":average", AttributeValue.fromN(Double.toString(view.stats().average())));
        sets.add("#average = :average");
        names.put("#from", CourseStatsCodec.ROLLED_UP_FROM);
        values.put(":from", AttributeValue.fromN(Long.toString(view.from())));
        sets.add("#from = :from");
        names.put("#rankedAs", CourseRankCodec.RANKED_AS);
        values.put(":rankedAs", AttributeValue.fromS(rankedAs));
        sets.add("#rankedAs = :rankedAs");
        names.put("#gsiPk", TableDesign.GSI2.partitionKey());
        names.put("#gsiSk", TableDesign.GSI2.sortKey());
        names.put("#inflight", CourseStatsCodec.LEGACY_IN_FLIGHT);
        String update = String.join(", ", sets) + " REMOVE #inflight, #gsiPk, #gsiSk";
        // Over an aggregate as it was read: created by nobody meanwhile, or still with a roll-up sum no larger than this
        // one (every aggregate of this protocol has one; one without is the earlier protocol's, never overwritten here),
        // and the publication read.
        List<String> conditions = new ArrayList<>();
        if (aggregate == null) {
            conditions.add("attribute_not_exists(PK)");
        } else {
            conditions.add("#from <= :from");
            names.put("#published", CourseStatsCodec.PUBLISHED);
            if (aggregate.containsKey(CourseStatsCodec.PUBLISHED)) {
                values.put(":published", aggregate.get(CourseStatsCodec.PUBLISHED));
                conditions.add("#published = :published");
            } else {
                conditions.add("attribute_not_exists(#published)");
            }
            if (unchangedRank != null && aggregate.containsKey(CourseRankCodec.RANKED_AS)) {
                values.put(":recorded", AttributeValue.fromS(unchangedRank));
                conditions.add("#rankedAs = :recorded");
            } else if (unchangedRank != null) {
                conditions.add("attribute_not_exists(#rankedAs)");
            }
        }
        return Update.builder().tableName(table.name())
                .key(CourseStatsKeys.primary(view.courseId()).toAttributes())
                .updateExpression(update)
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * The rank item's update: what the list shows, and its GSI2 key while listed (removed when not: the course leaves the
     * list by an UpdateItem, the item stays). It carries the roll-up sum it was written from and is never overwritten
     * from an older one, the aggregate's own ordering: a stale or repeated roll-up cannot move a course back.
     */
    private Update rankUpdate(RollUpView view) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String set = "SET " + stampOwnAttributes(CourseRankKeys.ENTITY, CourseRankCodec.SCHEMA_VERSION, view.courseId(), names, values)
                + ", #average = :average, #reviewCount = :reviewCount, #from = :from";
        names.put("#average", CourseStatsCodec.AVERAGE);
        names.put("#reviewCount", CourseStatsCodec.REVIEW_COUNT);
        names.put("#from", CourseStatsCodec.ROLLED_UP_FROM);
        names.put("#gsiPk", TableDesign.GSI2.partitionKey());
        names.put("#gsiSk", TableDesign.GSI2.sortKey());
        values.put(":average", AttributeValue.fromN(Double.toString(view.stats().average())));
        values.put(":reviewCount", AttributeValue.fromN(Long.toString(view.stats().reviewCount())));
        values.put(":from", AttributeValue.fromN(Long.toString(view.from())));
        Optional<IndexKey> listing = CourseRank.listing(view.stats(), config.topRated().minReviews());
        String update;
        if (listing.isPresent()) {
            values.put(":gsiPk", AttributeValue.fromS(listing.get().pk()));
            values.put(":gsiSk", AttributeValue.fromS(listing.get().sk()));
            update = set + ", #gsiPk = :gsiPk, #gsiSk = :gsiSk";
        } else {
            update = set + " REMOVE #gsiPk, #gsiSk";
        }
        return Update.builder().tableName(table.name())
                .key(CourseRankKeys.primary(view.courseId()).toAttributes())
                .updateExpression(update)
                .conditionExpression("attribute_not_exists(#from) OR #from <= :from")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /**
     * The aggregate rebuild's correction: adds {@code correction} to shard 0 in one transaction that also checks every
     * shard's write count is still {@code shardWrites} (absent: the shard does not exist), so it lands only if no stream
     * delta landed since those counts were read, and a second attempt of the same correction finds the count moved.
     * False when it was refused for that reason.
     */
    public boolean correct(String courseId, Map<String, Long> correction, Map<String, Long> shardWrites) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int shard = 0; shard < CourseStatsKeys.COUNTER_SHARDS; shard++) {
            Key key = CourseStatsKeys.counterShard(courseId, shard);
            Long seen = shardWrites.get(key.sk());
            Map<String, String> names = new HashMap<>(Map.of("#writes", CourseStatsCodec.SHARD_WRITES));
            Map<String, AttributeValue> values = new HashMap<>();
            String unchanged = seen == null ? "attribute_not_exists(PK)" : "#writes = :seen AND attribute_not_exists(#closed)";
            if (seen != null) {
                names.put("#closed", CourseStatsCodec.CLOSED);
            }
            if (seen != null) {
                values.put(":seen", AttributeValue.fromN(Long.toString(seen)));
            }
            if (shard == 0) {
                List<String> adds = addTerms(correction, names, values);
                adds.add("#writes :one");
                values.put(":one", AttributeValue.fromN("1"));
                String set = stampOwnAttributes(CourseStatsKeys.SHARD_ENTITY, courseId, names, values);
                items.add(TransactWriteItem.builder().update(update -> update.tableName(table.name()).key(key.toAttributes())
                        .updateExpression("SET " + set + " ADD " + String.join(", ", adds))
                        .conditionExpression(unchanged)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values.isEmpty() ? null : values)).build());
            } else {
                items.add(TransactWriteItem.builder().conditionCheck(check -> check.tableName(table.name()).key(key.toAttributes())
                        .conditionExpression(unchanged)
                        .expressionAttributeNames(seen == null ? null : Map.of("#writes", CourseStatsCodec.SHARD_WRITES,
                                "#closed", CourseStatsCodec.CLOSED))
                        .expressionAttributeValues(values.isEmpty() ? null : values)).build());
            }
        }
        try {
            table.client().transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException cancelled) {
            boolean busy = cancelled.hasCancellationReasons()
                    && cancelled.cancellationReasons().stream().map(CancellationReason::code).anyMatch(RETRYABLE::contains);
            if (busy) {
                throw cancelled;
            }
            return false;
        }
        rollUp(courseId);
        return true;
    }

    /**
     * Sets whether the course is published, guarded by the course item's version so an older course event can
     * never undo a newer one, then rolls the course up (the rank item follows publication). The write is tried again when
     * it meets a roll-up's transaction on the aggregate (DynamoDB refuses it with TransactionConflict).
     */
    public void setPublished(String courseId, boolean published, long courseVersion) {
        ensureMigrated(courseId);
        Map<String, String> names = new HashMap<>(Map.of("#published", CourseStatsCodec.PUBLISHED, "#from", CourseStatsCodec.ROLLED_UP_FROM));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":published", AttributeValue.fromBool(published),
                ":courseVersion", AttributeValue.fromN(Long.toString(courseVersion)), ":zero", AttributeValue.fromN("0")));
        String set = "SET " + stampOwnAttributes(CourseStatsKeys.ENTITY, courseId, names, values)
                + ", #published = :published, courseVersion = :courseVersion, #from = if_not_exists(#from, :zero)";
        for (int attempt = 1; ; attempt++) {
            try {
                table.client().updateItem(b -> b.tableName(table.name())
                        .key(CourseStatsKeys.primary(courseId).toAttributes())
                        .updateExpression(set)
                        .conditionExpression("attribute_not_exists(courseVersion) OR courseVersion < :courseVersion")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
                break;
            } catch (ConditionalCheckFailedException newerAlreadyApplied) {
                // a later version of the course was applied first
                break;
            } catch (TransactionConflictException rollUpInProgress) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw rollUpInProgress;
                }
                pause(attempt);
            }
        }
        rollUp(courseId);
    }

    /**
     * The course is gone: so are its aggregate and its rank item (and with it its top-rated entry), and its counter shards become closed
     * tombstones (until no replay can come any more), so a late or replayed event counts nothing into them.
     */
    public void deleteAggregate(String courseId) {
        List<Map<String, AttributeValue>> tombstones = new ArrayList<>();
        for (int shard = 0; shard < CourseStatsKeys.COUNTER_SHARDS; shard++) {
            tombstones.add(ItemWriter.of(CourseStatsKeys.counterShard(courseId, shard), CourseStatsKeys.SHARD_ENTITY, CourseStatsCodec.SCHEMA_VERSION)
                    .put("courseId", courseId)
                    .put(CourseStatsCodec.CLOSED, true)
                    .put(TableDesign.TTL_ATTRIBUTE, clock.instant().plus(TOMBSTONE_LIFETIME).getEpochSecond())
                    .build());
        }
        table.batchWrite(tombstones, List.of(CourseStatsKeys.primary(courseId), CourseRankKeys.primary(courseId)));
    }

    /** The identity and audit attributes every processor write (re)states, as the terms of a SET clause. */
    private String stampOwnAttributes(String entity, String courseId, Map<String, String> names, Map<String, AttributeValue> values) {
        return stampOwnAttributes(entity, CourseStatsCodec.SCHEMA_VERSION, courseId, names, values);
    }

    private String stampOwnAttributes(String entity, int schemaVersion, String courseId, Map<String, String> names,
            Map<String, AttributeValue> values) {
        names.put("#entity", ItemWriter.ENTITY);
        names.put("#schemaVersion", ItemWriter.SCHEMA_VERSION);
        names.put("#updatedAt", ItemWriter.UPDATED_AT);
        names.put("#updatedBy", ItemWriter.UPDATED_BY);
        values.put(":entity", AttributeValue.fromS(entity));
        values.put(":schemaVersion", AttributeValue.fromN(Integer.toString(schemaVersion)));
        values.put(":courseId", AttributeValue.fromS(courseId));
        values.put(":now", AttributeValue.fromS(Timestamps.sortable(clock.instant())));
        values.put(":processor", AttributeValue.fromS(StreamProcessorIdentity.ACTOR));
        return "#entity = :entity, #schemaVersion = :schemaVersion, courseId = :courseId, #updatedAt = :now, #updatedBy = :processor";
    }
}
