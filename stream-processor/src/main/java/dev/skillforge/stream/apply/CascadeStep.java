package dev.skillforge.stream.apply;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.cascade.CascadeJobKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
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
 * One bounded step of a course's cascade, run for each stream record of its job item while the job is running:
 * <ol>
 * <li><b>enrollments</b>: the next page of at most {@link #ENROLLMENTS_PER_STEP} of the course's enrollments (GSI1,
 * from the checkpoint), each with its learner's progress in the course, deleted;</li>
 * <li><b>sweep</b>: the course's enrollments from the start again, until a pass finds none at least a few seconds after
 * the job began (any the first pass missed because the index lagged);</li>
 * <li><b>course</b>: the rest of the course's own partition (lessons, reviews, aggregate), a page at a time.</li>
 * </ol>
 * The step then writes the job: next checkpoint, counts, step number, on the condition that the step number is the one
 * it ran (a duplicate or replayed record of an older step finds the job moved on and does nothing). That write's stream
 * record starts the next step, so no invocation does more than one page and none holds the shard for long. Deleting
 * what is already gone changes nothing, so a step that crashed before its checkpoint simply runs again. A step that
 * fails is counted on the job and tried again by the same means; after {@link JobSteps#MAX_ATTEMPTS} the job is parked as
 * stalled (logged, counted, listed for the replay command) instead of failing the stream batch: the cascade's failures
 * are its own and never hold back the audit log behind it.
 */
@ApplicationScoped
public class CascadeStep implements Applier {

    static final String CHECKPOINT = "checkpoint";
    static final String ENROLLMENTS_DELETED = "enrollmentsDeleted";
    static final String PROGRESS_DELETED = "progressDeleted";
    static final String COURSE_ITEMS_DELETED = "courseItemsDeleted";

    /** Enrollments per step: one GSI1 page, their progress queries 16 at a time, and the deletes: a few seconds at most. */
    static final int ENROLLMENTS_PER_STEP = 1_000;
    /** Course-partition items per step. */
    static final int COURSE_ITEMS_PER_STEP = 1_000;
    /** Far longer than a GSI's usual lag behind the table. */
    static final java.time.Duration SWEEP_SETTLE = java.time.Duration.ofSeconds(5);
    static final int PARALLEL_QUERIES = 16;

    enum Phase {
        ENROLLMENTS, SWEEP, COURSE
    }

    /** What a step did, and where the next one starts (null: this phase is finished). */
    record Progress(int enrollments, int progress, int courseItems, Map<String, AttributeValue> checkpoint, boolean phaseDone) {
    }

    @Inject
    SkillForgeTable table;

    @Inject
    Clock clock;

    @Override
    public String name() {
        return "cascade-step";
    }

    @Override
    public StreamConsumer consumer() {
        return StreamConsumer.RECORDS;
    }

    @Override
    public boolean appliesTo(ChangeEvent event) {
        return JobSteps.running(event, CascadeJobKeys.ENTITY);
    }

    @Inject
    InvocationDeadline deadline;

    @Override
    public void apply(ChangeEvent event) {
        // A step needs a few seconds (and a sweep may wait out the index): without them left, the record is retried.
        deadline.require(JobSteps.STEP_BUDGET_MS);
        String courseId = Items.string(event.newImage(), "courseId");
        Map<String, AttributeValue> job = JobSteps.currentStep(table, CascadeJobKeys.primary(courseId), event);
        if (job == null) {
            return;
        }
        Phase phase = Phase.valueOf(Items.string(job, JobSteps.PHASE));
        Progress progress;
        try {
            progress = switch (phase) {
                case ENROLLMENTS -> deleteEnrollments(courseId, checkpointOf(job));
                case SWEEP -> sweep(courseId, job);
                case COURSE -> deleteCourseItems(courseId);
            };
        } catch (RuntimeException failure) {
            JobSteps.recordFailure(table, clock, CascadeJobKeys.primary(courseId), job, "Cascade of course " + courseId, failure,
                    "CascadesStalled", state -> CascadeJobKeys.byState(state, clock.instant(), courseId));
            return;
        }
        advance(courseId, job, phase, progress);
    }

    private static Map<String, AttributeValue> checkpointOf(Map<String, AttributeValue> job) {
        AttributeValue checkpoint = job.get(CHECKPOINT);
        return checkpoint == null || !checkpoint.hasM() ? null : checkpoint.m();
    }

    /** One GSI1 page of the course's enrollments from {@code from}, with every enrolled learner's progress in the course. */
    private Progress deleteEnrollments(String courseId, Map<String, AttributeValue> from) {
        QueryResponse page = table.client().query(QueryRequest.builder().tableName(table.name())
                .indexName(TableDesign.GSI1.name())
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(EnrollmentKeys.coursePartition(courseId))))
                .projectionExpression("PK, SK, GSI1PK, GSI1SK, userId")
                .exclusiveStartKey(from)
                .limit(ENROLLMENTS_PER_STEP)
                .build());
        List<Key> enrollments = new ArrayList<>();
        ConcurrentLinkedQueue<Key> progress = new ConcurrentLinkedQueue<>();
        List<String> learners = new ArrayList<>();
        for (Map<String, AttributeValue> enrollment : page.items()) {
            enrollments.add(Key.of(enrollment));
            learners.add(Items.string(enrollment, "userId"));
        }
        Concurrently.forEach(learners, PARALLEL_QUERIES, userId -> table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition(userId)),
                                ":prefix", AttributeValue.fromS(ProgressKeys.coursePrefix(courseId))))
                        .projectionExpression("PK, SK")
                        .consistentRead(true), Integer.MAX_VALUE)
                .forEach(item -> progress.add(Key.of(item))));
        // Progress first: a step that fails midway is run again from the same page, and finds the learners whose progress
        // is left only through their enrollments, so those go once every progress item of the page is gone.
        table.batchWrite(List.of(), new ArrayList<>(progress));
        table.batchWrite(List.of(), enrollments);
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Progress(enrollments.size(), progress.size(), 0, more ? page.lastEvaluatedKey() : null, !more);
    }

    /**
     * A pass over the course's enrollments from the start. The index lags the table by moments: a pass that finds none
     * counts only once {@link #SWEEP_SETTLE} has passed since the job began, so it waits out the rest and looks once more
     * (an enrollment written after the delete is removed by {@link OrphanEnrollments}).
     */
    private Progress sweep(String courseId, Map<String, AttributeValue> job) {
        Progress pass = deleteEnrollments(courseId, null);
        java.time.Instant began = Items.instant(job, ItemWriter.CREATED_AT);
        long wait = began == null ? 0 : java.time.Duration.between(clock.instant(), began.plus(SWEEP_SETTLE)).toMillis();
        if (pass.enrollments() == 0 && wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pass = deleteEnrollments(courseId, null);
        }
        return pass;
    }

    /** One page of whatever is left in the course's own partition (read consistently: deleted items are gone). */
    private Progress deleteCourseItems(String courseId) {
        QueryResponse page = table.client().query(QueryRequest.builder().tableName(table.name())
                .keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseKeys.partition(courseId))))
                .projectionExpression("PK, SK")
                .consistentRead(true)
                .limit(COURSE_ITEMS_PER_STEP)
                .build());
        table.batchWrite(List.of(), page.items().stream().map(Key::of).toList());
        boolean more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
        return new Progress(0, 0, page.items().size(), null, !more);
    }

    /**
     * The checkpoint after a step, conditional on the step it ran. A sweep that still found enrollments sweeps again
     * (they were enrolled while the first pass ran, or the index had not caught up); the course phase ends the job.
     */
    private void advance(String courseId, Map<String, AttributeValue> job, Phase phase, Progress progress) {
        Phase next = phase;
        boolean done = false;
        if (progress.phaseDone()) {
            switch (phase) {
                case ENROLLMENTS -> next = Phase.SWEEP;
                case SWEEP -> next = progress.enrollments() == 0 ? Phase.COURSE : Phase.SWEEP;
                case COURSE -> done = true;
            }
        }
        long step = Items.number(job, JobSteps.STEP, 0);
        Map<String, String> names = new HashMap<>(Map.of("#state", JobSteps.STATE, "#phase", JobSteps.PHASE, "#step", JobSteps.STEP,
                "#attempts", JobSteps.ATTEMPTS, "#updatedAt", ItemWriter.UPDATED_AT, "#enrollments", ENROLLMENTS_DELETED, "#progress", PROGRESS_DELETED,
                "#courseItems", COURSE_ITEMS_DELETED, "#checkpoint", CHECKPOINT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":step", AttributeValue.fromN(Long.toString(step)),
                ":next", AttributeValue.fromN(Long.toString(step + 1)), ":zero", AttributeValue.fromN("0"),
                ":now", AttributeValue.fromS(Timestamps.sortable(clock.instant())), ":phase", AttributeValue.fromS(next.name()),
                ":enrollments", AttributeValue.fromN(Integer.toString(progress.enrollments())),
                ":progress", AttributeValue.fromN(Integer.toString(progress.progress())),
                ":courseItems", AttributeValue.fromN(Integer.toString(progress.courseItems())),
                ":running", AttributeValue.fromS(CascadeJobKeys.RUNNING)));
        List<String> sets = new ArrayList<>(List.of("#step = :next", "#attempts = :zero", "#updatedAt = :now", "#phase = :phase"));
        List<String> removes = new ArrayList<>();
        names.put("#gsiSk", TableDesign.GSI1.sortKey());
        if (done) {
            names.put("#gsiPk", TableDesign.GSI1.partitionKey());
            names.put("#ttl", TableDesign.TTL_ATTRIBUTE);
            values.put(":done", AttributeValue.fromS(CascadeJobKeys.DONE));
            values.put(":expires", AttributeValue.fromN(Long.toString(clock.instant().plus(JobSteps.DONE_LIFETIME).getEpochSecond())));
            sets.add("#state = :done");
            sets.add("#ttl = :expires");
            removes.addAll(List.of("#checkpoint", "#gsiPk", "#gsiSk"));
        } else {
            IndexKey listed = CascadeJobKeys.byState(CascadeJobKeys.RUNNING, clock.instant(), courseId);
            values.put(":gsiSk", AttributeValue.fromS(listed.sk()));
            sets.add("#gsiSk = :gsiSk");
            if (next == Phase.ENROLLMENTS && progress.checkpoint() != null) {
                values.put(":checkpoint", AttributeValue.fromM(progress.checkpoint()));
                sets.add("#checkpoint = :checkpoint");
            } else {
                removes.add("#checkpoint");
            }
        }
        String update = "SET " + String.join(", ", sets) + " ADD #enrollments :enrollments, #progress :progress, #courseItems :courseItems"
                + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CascadeJobKeys.primary(courseId).toAttributes())
                    .updateExpression(update)
                    .conditionExpression("#step = :step AND #state = :running")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException movedOn) {
            // another delivery of the same step got there first; its write started the next step
            return;
        }
        if (done) {
            Log.infof("Cascade of course %s finished after %d steps", courseId, step + 1);
        }
    }

    /** The replay command's resumption of a stalled job: running again, attempts from zero, from its checkpoint. */
    public boolean resume(String courseId) {
        IndexKey listed = CascadeJobKeys.byState(CascadeJobKeys.RUNNING, clock.instant(), courseId);
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CascadeJobKeys.primary(courseId).toAttributes())
                    .updateExpression("SET #state = :running, #attempts = :zero, #updatedAt = :now, #gsiPk = :gsiPk, #gsiSk = :gsiSk, "
                            + "#updatedBy = :by ADD #step :one")
                    .conditionExpression("#state IN (:running, :stalled)")
                    .expressionAttributeNames(Map.of("#state", JobSteps.STATE, "#attempts", JobSteps.ATTEMPTS, "#updatedAt", ItemWriter.UPDATED_AT,
                            "#gsiPk", TableDesign.GSI1.partitionKey(), "#gsiSk", TableDesign.GSI1.sortKey(), "#step", JobSteps.STEP,
                            "#updatedBy", ItemWriter.UPDATED_BY))
                    .expressionAttributeValues(Map.of(":running", AttributeValue.fromS(CascadeJobKeys.RUNNING),
                            ":stalled", AttributeValue.fromS(CascadeJobKeys.STALLED), ":zero", AttributeValue.fromN("0"),
                            ":one", AttributeValue.fromN("1"), ":now", AttributeValue.fromS(Timestamps.sortable(clock.instant())),
                            ":gsiPk", AttributeValue.fromS(listed.pk()), ":gsiSk", AttributeValue.fromS(listed.sk()),
                            ":by", AttributeValue.fromS(StreamProcessorIdentity.ACTOR))));
            return true;
        } catch (ConditionalCheckFailedException finished) {
            return false;
        }
    }
}
