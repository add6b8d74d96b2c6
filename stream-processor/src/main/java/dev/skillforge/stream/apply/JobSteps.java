package dev.skillforge.stream.apply;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.observe.Emf;
import dev.skillforge.data.observe.InvocationMetrics;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.stream.ChangeEvent;
import io.quarkus.logging.Log;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What the stream's work jobs (a deleted course's cascade, a deleted user's erasure) share: one item per job whose every
 * write starts the next bounded step through its own stream record. A step runs only for the job's current step (a
 * duplicate or replayed record finds it moved on), ends with a write conditioned on that step, and a failing step is
 * counted on the job, retried by the same means, and after {@link #MAX_ATTEMPTS} parked as stalled.
 */
final class JobSteps {

    static final String STATE = "state";
    static final String PHASE = "phase";
    static final String STEP = "step";
    static final String ATTEMPTS = "attempts";
    static final String LAST_ERROR = "lastError";
    static final String RUNNING = "running";
    static final String STALLED = "stalled";
    static final String DONE = "done";

    static final int MAX_ATTEMPTS = 5;
    /** Time a step may need at most: with less than this left in the invocation, the record is retried. */
    static final long STEP_BUDGET_MS = 15_000;
    /** Finished jobs stay readable for a month (what was deleted, by whom), then expire. */
    static final Duration DONE_LIFETIME = Duration.ofDays(30);

    private JobSteps() {
    }

    /** The job as it is now if {@code event} is of its current, running step; null for a duplicate or a replay. */
    static Map<String, AttributeValue> currentStep(SkillForgeTable table, Key key, ChangeEvent event) {
        Map<String, AttributeValue> job = table.get(key).orElse(null);
        boolean current = job != null && RUNNING.equals(Items.string(job, STATE))
                && Items.number(job, STEP, 0) == Items.number(event.newImage(), STEP, 0);
        return current ? job : null;
    }

    /** Whether a record is of a job that is running (the new image's state). */
    static boolean running(ChangeEvent event, String entity) {
        return entity.equals(event.entity()) && event.newImage() != null && RUNNING.equals(Items.string(event.newImage(), STATE));
    }

    /**
     * Counts a failed step on the job (whose write brings the step round again, after a pause of a second per attempt so
     * far, at most four); after {@link #MAX_ATTEMPTS} the job is stalled: an error line and {@code stalledMetric}.
     * {@code listed}: the job's index key for a state, for jobs listed by state (null: not listed).
     */
    static void recordFailure(SkillForgeTable table, Clock clock, Key key, Map<String, AttributeValue> job, String what,
            RuntimeException failure, String stalledMetric, Function<String, IndexKey> listed) {
        long step = Items.number(job, STEP, 0);
        long attempts = Items.number(job, ATTEMPTS, 0) + 1;
        boolean stall = attempts >= MAX_ATTEMPTS;
        if (stall) {
            Log.errorf(failure, "%s stalled at step %d after %d attempts", what, step, attempts);
            Emf.write(Emf.line(clock, Map.of("service", StreamConsumer.RECORDS.functionName()),
                    List.of(new InvocationMetrics.Value(stalledMetric, "Count", 1))));
        } else {
            Log.warnf("%s, step %d failed (attempt %d): %s", what, step, attempts, failure.toString());
            pause(attempts);
        }
        String state = stall ? STALLED : RUNNING;
        Map<String, String> names = new HashMap<>(Map.of("#state", STATE, "#step", STEP, "#attempts", ATTEMPTS, "#error", LAST_ERROR,
                "#updatedAt", ItemWriter.UPDATED_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":step", AttributeValue.fromN(Long.toString(step)),
                ":running", AttributeValue.fromS(RUNNING), ":state", AttributeValue.fromS(state),
                ":attempts", AttributeValue.fromN(Long.toString(attempts)),
                ":error", AttributeValue.fromS(failure.getClass().getSimpleName()),
                ":now", AttributeValue.fromS(Timestamps.sortable(clock.instant()))));
        String update = "SET #state = :state, #attempts = :attempts, #error = :error, #updatedAt = :now";
        IndexKey index = listed == null ? null : listed.apply(state);
        if (index != null) {
            names.put("#gsiPk", TableDesign.GSI1.partitionKey());
            names.put("#gsiSk", TableDesign.GSI1.sortKey());
            values.put(":gsiPk", AttributeValue.fromS(index.pk()));
            values.put(":gsiSk", AttributeValue.fromS(index.sk()));
            update += ", #gsiPk = :gsiPk, #gsiSk = :gsiSk";
        }
        String expression = update;
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(key.toAttributes()).updateExpression(expression)
                    .conditionExpression("#step = :step AND #state = :running")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException movedOn) {
            // another delivery finished the step meanwhile
        }
    }

    private static void pause(long attempts) {
        try {
            Thread.sleep(Math.min(4, attempts) * 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
