package dev.skillforge.stream.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.audit.AuditCodec;
import dev.skillforge.data.audit.AuditEntry;
import dev.skillforge.data.audit.AuditKeys;
import dev.skillforge.data.audit.FieldChange;
import dev.skillforge.data.config.SkillForgeConfig;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.ErasureJobKeys;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.stream.ChangeEvent;
import dev.skillforge.stream.InvocationDeadline;
import dev.skillforge.stream.StreamProcessorIdentity;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A deleted user's erasure. When their account item turns deleted (the admin route or DELETE /me), the user's job is
 * put, once; then one bounded step runs for each stream record of the job while it is running:
 * <ol>
 * <li><b>partition</b>: the next page of at most {@link #ITEMS_PER_STEP} items of the user's partition (read strongly
 * consistent; the account item stays, it keeps refusing the user's tokens until they have all expired). Every course
 * the page names through an enrollment or a progress item gets the user's review deleted first, then the page's items.
 * A review needs an enrollment when it is written, and the enrollment's progress item outlives an unenrollment, so
 * every review of the user is found this way. Deleted reviews and enrollments reach the aggregates through the stream
 * like any other delete: ratings and counts leave them exactly.</li>
 * <li><b>sweep</b>: once the erasure settle (skillforge.stream.erasure-settle, 20 s) has passed since the job began (longer than any HTTP function runs, so a
 * request that was admitted before the account turned deleted has finished), the partition again, until a pass finds
 * nothing.</li>
 * </ol>
 * Each step ends with a write of the job conditioned on the step it ran (a duplicate record does nothing), whose stream
 * record starts the next ({@link JobSteps}). Deleting what is gone changes nothing, so a crashed step just runs again; a
 * failing step is counted and retried, and parked as stalled after five attempts.
 */
@ApplicationScoped
public class ErasureStep implements Applier {

    static final String ITEMS_DELETED = "itemsDeleted";
    static final String REVIEWS_DELETED = "reviewsDeleted";

    /** Items per step: one Query page and its batch deletes (with as many review deletes at most). */
    static final int ITEMS_PER_STEP = 500;
    static final int PARALLEL_QUERIES = 16;

    enum Phase {
        PARTITION, SWEEP
    }

    record Pass(int items, int reviews, boolean more) {
    }

    @Inject
    SkillForgeTable table;

    @Inject
    Clock clock;

    @Inject
    InvocationDeadline deadline;

    @Inject
    SkillForgeConfig config;

    @Override
    public String name() {
        return "user-erasure";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    /** A user's account turning deleted starts the job; each record of the running job is a step. */
    @Override
    public boolean appliesTo(ChangeEvent event) {
        return JobSteps.running(event, ErasureJobKeys.ENTITY) || accountDeleted(event);
    }

    private static boolean accountDeleted(ChangeEvent event) {
        return UserKeys.ACCOUNT_ENTITY.equals(event.entity()) && event.newImage() != null
                && UserAccount.State.DELETED.value().equals(Items.string(event.newImage(), "state"));
    }

    @Override
    public void apply(ChangeEvent event) {
        if (accountDeleted(event)) {
            start(event);
            return;
        }
        deadline.require(JobSteps.STEP_BUDGET_MS);
        String userId = Items.string(event.newImage(), "userId");
        Map<String, AttributeValue> job = JobSteps.currentStep(table, ErasureJobKeys.primary(userId), event);
        if (job == null) {
            return;
        }
        long step = Items.number(job, JobSteps.STEP, 0);
        Phase phase = Phase.valueOf(Items.string(job, JobSteps.PHASE));
        Pass pass;
        boolean settled = true;
        try {
            if (phase == Phase.SWEEP) {
                settled = waitOutSettle(job);
            }
            pass = erasePage(userId);
        } catch (RuntimeException failure) {
            JobSteps.recordFailure(table, clock, ErasureJobKeys.primary(userId), job, "Erasure of user " + userId, failure,
                    "ErasuresStalled", null);
            return;
        }
        Phase next = phase;
        boolean done = false;
        if (!pass.more()) {
            if (phase == Phase.PARTITION) {
                next = Phase.SWEEP;
            } else {
                // only a pass that began after the settle and found nothing ends the job; otherwise sweep again
                done = settled && pass.items() == 0 && pass.reviews() == 0;
            }
        }
        advance(userId, step, next, done, pass);
    }

    /** Puts the user's job once (a replayed record finds it there): it holds the pseudonymous id and counts, nothing personal. */
    private void start(ChangeEvent event) {
        String userId = Items.string(event.newImage(), "userId");
        table.putIfAbsent(ItemWriter.of(ErasureJobKeys.primary(userId), ErasureJobKeys.ENTITY, 1)
                .put("userId", userId)
                .put(JobSteps.STATE, JobSteps.RUNNING)
                .put(JobSteps.PHASE, Phase.PARTITION.name())
                .put(JobSteps.STEP, 0)
                .put(JobSteps.ATTEMPTS, 0)
                .put("requestedBy", Items.string(event.newImage(), ItemWriter.UPDATED_BY))
                .audited(clock.instant(), clock.instant(), StreamProcessorIdentity.ACTOR)
                .build());
    }

    /** One page of the user's partition: the reviews of the courses it names, then the page's own items. */
    Pass erasePage(String userId) {
        QueryResponse page = table.client().query(b -> b.tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition(userId))))
                .projectionExpression("PK, SK, courseId")
                .consistentRead(true)
                .limit(ITEMS_PER_STEP));
        List<Key> items = new ArrayList<>();
        Set<String> courses = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : page.items()) {
            Key key = Key.of(item);
            if (key.sk().equals(UserKeys.ACCOUNT)) {
                continue;
            }
            items.add(key);
            // enrollments and progress items (per-lesson ones from before the one item too) carry their course
            String course = Items.string(item, "courseId");
            if (course != null) {
                courses.add(course);
            }
        }
        scrubReviewAudit(userId, courses);
        List<Key> reviews = courses.stream().map(course -> ReviewKeys.primary(course, userId)).toList();
        List<Key> existingReviews = reviews.isEmpty() ? List.of()
                : table.batchGetConsistent(reviews).stream().map(Key::of).toList();
        // Reviews first: a step that fails between the two finds the courses again through the items still there.
        table.batchWrite(List.of(), existingReviews);
        table.batchWrite(List.of(), items);
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Pass(items.size(), existingReviews.size(), more);
    }

    /**
     * Audit entries of the user's reviews written before the audit log stopped recording a review's words keep them: the
     * words go (the entries stay, with the user's pseudonymous id), for every course the page names.
     */
    private void scrubReviewAudit(String userId, Set<String> courses) {
        Set<String> words = AuditTrail.OWN_WORDS.get(ReviewKeys.ENTITY);
        java.util.concurrent.ConcurrentLinkedQueue<Map<String, AttributeValue>> rewritten = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Concurrently.forEach(courses, PARALLEL_QUERIES, course -> table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(AuditKeys.objectPartition(ReviewKeys.ENTITY,
                                course + ":" + userId))))
                        .consistentRead(true), Integer.MAX_VALUE)
                .forEach(item -> {
                    AuditEntry entry = AuditCodec.fromItem(item);
                    if (entry.changes().stream().anyMatch(change -> words.contains(change.field())
                            && (change.oldValue() != null || change.newValue() != null))) {
                        List<FieldChange> kept = entry.changes().stream().map(change -> words.contains(change.field())
                                ? new FieldChange(change.field(), null, null) : change).toList();
                        rewritten.add(AuditCodec.toItem(new AuditEntry(entry.entity(), entry.entityId(), entry.action(), entry.actor(),
                                entry.correlationId(), entry.changedAt(), entry.eventId(), kept, entry.expiresAt())));
                    }
                }));
        table.batchWrite(new ArrayList<>(rewritten), List.of());
    }

    /** Waits (within the step's budget) for the settle to pass since the job began: whether it has. */
    private boolean waitOutSettle(Map<String, AttributeValue> job) {
        Instant began = Items.instant(job, ItemWriter.CREATED_AT);
        long wait = began == null ? 0 : Duration.between(clock.instant(), began.plus(config.stream().erasureSettle())).toMillis();
        if (wait <= 0) {
            return true;
        }
        long slept = Math.min(wait, JobSteps.STEP_BUDGET_MS - 3_000);
        try {
            Thread.sleep(slept);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return slept >= wait;
    }

    /** The job after a step, conditional on the step it ran; the last one marks it done and lets it expire. */
    private void advance(String userId, long step, Phase next, boolean done, Pass pass) {
        Map<String, String> names = new HashMap<>(Map.of("#state", JobSteps.STATE, "#phase", JobSteps.PHASE, "#step", JobSteps.STEP,
                "#attempts", JobSteps.ATTEMPTS,
                "#updatedAt", ItemWriter.UPDATED_AT, "#items", ITEMS_DELETED, "#reviews", REVIEWS_DELETED));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":step", AttributeValue.fromN(Long.toString(step)),
                ":next", AttributeValue.fromN(Long.toString(step + 1)), ":zero", AttributeValue.fromN("0"),
                ":now", AttributeValue.fromS(Timestamps.sortable(clock.instant())), ":phase", AttributeValue.fromS(next.name()),
                ":items", AttributeValue.fromN(Integer.toString(pass.items())),
                ":reviews", AttributeValue.fromN(Integer.toString(pass.reviews())),
                ":running", AttributeValue.fromS(JobSteps.RUNNING)));
        List<String> sets = new ArrayList<>(List.of("#step = :next", "#attempts = :zero", "#updatedAt = :now", "#phase = :phase"));
        if (done) {
            names.put("#ttl", TableDesign.TTL_ATTRIBUTE);
            values.put(":done", AttributeValue.fromS(JobSteps.DONE));
            values.put(":expires", AttributeValue.fromN(Long.toString(clock.instant().plus(JobSteps.DONE_LIFETIME).getEpochSecond())));
            sets.add("#state = :done");
            sets.add("#ttl = :expires");
        }
        String update = "SET " + String.join(", ", sets) + " ADD #items :items, #reviews :reviews";
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(ErasureJobKeys.primary(userId).toAttributes())
                    .updateExpression(update).conditionExpression("#step = :step AND #state = :running")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException movedOn) {
            return; // another delivery of the same step got there first
        }
        if (done) {
            Log.infof("Erasure of user %s finished after %d steps", userId, step + 1);
        }
    }
}
