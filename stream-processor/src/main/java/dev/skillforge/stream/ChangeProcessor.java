package dev.skillforge.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.skillforge.data.table.Concurrently;
import dev.skillforge.stream.apply.Applier;
import dev.skillforge.stream.apply.BatchApplier;
import dev.skillforge.stream.event.StreamRecord;
import dev.skillforge.stream.event.StreamResponse;
import io.quarkus.logging.Log;

/**
 * Walks a batch in order. Each record is decoded, the processor's own writes are skipped, and every applier
 * that cares applies it. Runs of records that only batch appliers care about (enrollments, reviews, progress...)
 * are applied together, a few large writes per run; a record another applier needs (a course change) is applied
 * on its own, in its place, so its effects keep their order with the runs around it. On the first failure it
 * stops and reports the failed record (the start of a failed run) and every later one: Lambda then retries from
 * there, and each item's changes stay in order. Malformed records are logged and skipped (a retry could never fix
 * them).
 */
@ApplicationScoped
public class ChangeProcessor {

    @Inject
    ChangeDecoder decoder;

    @Inject
    Instance<Applier> appliers;

    @Inject
    ConsumerSelection selection;

    /** What happened to a batch, for logs and metrics. */
    public record Outcome(int processed, int skipped, int malformed, List<StreamResponse.ItemFailure> failures, int failedFrom) {
    }

    private record Decoded(int index, ChangeEvent event) {
    }

    public Outcome process(List<StreamRecord> records) {
        return process(records, false, selection.consumers(), Long.MAX_VALUE);
    }

    /**
     * {@link #process(List)}, stopping (and reporting the rest for retry) once {@code deadlineNanos} (a System.nanoTime
     * value; Long.MAX_VALUE: none) has passed.
     */
    public Outcome process(List<StreamRecord> records, long deadlineNanos) {
        return process(records, false, selection.consumers(), deadlineNanos);
    }

    public Outcome process(List<StreamRecord> records, boolean replayed, java.util.Set<dev.skillforge.data.table.StreamConsumer> consumers) {
        return process(records, replayed, consumers, Long.MAX_VALUE);
    }

    /**
     * {@link #process(List)} with only the appliers of {@code consumers}; {@code replayed} for records the replay command
     * delivers (see {@link ChangeEvent#replayed}).
     */
    private Outcome process(List<StreamRecord> records, boolean replayed, java.util.Set<dev.skillforge.data.table.StreamConsumer> consumers,
            long deadlineNanos) {
        int skipped = 0;
        int malformed = 0;
        List<Decoded> run = new ArrayList<>();
        int processed = 0;
        for (int i = 0; i < records.size(); i++) {
            if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
                // Out of time: the rest (from the pending run on) is reported for retry rather than cut off by a timeout,
                // which would fail the whole batch unparked.
                int from = run.isEmpty() ? i : run.get(0).index();
                Log.warnf("Stopping at record %d of %d before the function's timeout; the rest is reported for retry", from, records.size());
                return new Outcome(processed, skipped, malformed, failuresFrom(records, from), from);
            }
            StreamRecord record = records.get(i);
            ChangeEvent event;
            try {
                event = decoder.decode(record, replayed);
            } catch (ChangeDecoder.MalformedRecord bad) {
                Log.warnf("Skipping malformed stream record %s: %s", record == null ? null : record.eventId(), bad.getMessage());
                malformed++;
                continue;
            }
            if (StreamProcessorIdentity.OWN_ENTITIES.contains(event.entity())) {
                skipped++;
                continue;
            }
            List<Applier> interested = interested(event, consumers);
            if (interested.isEmpty()) {
                skipped++;
                continue;
            }
            if (interested.stream().allMatch(applier -> applier instanceof BatchApplier)) {
                run.add(new Decoded(i, event));
                continue;
            }
            Integer failedAt = applyRun(run, consumers);
            if (failedAt == null) {
                processed += run.size();
                run.clear();
                failedAt = applyOne(i, event, interested);
            }
            if (failedAt != null) {
                return new Outcome(processed, skipped, malformed, failuresFrom(records, failedAt), failedAt);
            }
            processed++;
        }
        Integer failedAt = applyRun(run, consumers);
        if (failedAt != null) {
            return new Outcome(processed, skipped, malformed, failuresFrom(records, failedAt), failedAt);
        }
        return new Outcome(processed + run.size(), skipped, malformed, List.of(), records.size());
    }

    private List<Applier> interested(ChangeEvent event, java.util.Set<dev.skillforge.data.table.StreamConsumer> consumers) {
        List<Applier> interested = new ArrayList<>();
        for (Applier applier : appliers) {
            if (consumers.contains(applier.consumer()) && applier.appliesTo(event)) {
                interested.add(applier);
            }
        }
        return interested;
    }

    /**
     * Applies a run with every batch applier at once (they write different items, and each is idempotent, so a run
     * that fails in one of them is simply applied again); the index of its first record if it failed, else null.
     */
    private Integer applyRun(List<Decoded> run, java.util.Set<dev.skillforge.data.table.StreamConsumer> consumers) {
        if (run.isEmpty()) {
            return null;
        }
        try {
            Map<BatchApplier, List<ChangeEvent>> work = new LinkedHashMap<>();
            for (Applier applier : appliers) {
                if (applier instanceof BatchApplier batch && consumers.contains(applier.consumer())) {
                    List<ChangeEvent> mine = run.stream().map(Decoded::event).filter(applier::appliesTo).toList();
                    if (!mine.isEmpty()) {
                        work.put(batch, mine);
                    }
                }
            }
            Concurrently.forEach(work.entrySet(), work.size(), applier -> applier.getKey().applyAll(applier.getValue()));
            return null;
        } catch (InvocationDeadline.Reached outOfTime) {
            Log.warnf("Out of time in a run of %d stream records from %s; reporting it and everything after it for retry",
                    run.size(), run.get(0).event().eventId());
            return run.get(0).index();
        } catch (RuntimeException failure) {
            Log.errorf(failure, "A run of %d stream records from %s failed; reporting it and everything after it for retry",
                    run.size(), run.get(0).event().eventId());
            return run.get(0).index();
        }
    }

    private Integer applyOne(int index, ChangeEvent event, List<Applier> interested) {
        try {
            for (Applier applier : interested) {
                applier.apply(event);
            }
            return null;
        } catch (InvocationDeadline.Reached outOfTime) {
            Log.warnf("Out of time at stream record %s; reporting it and everything after it for retry", event.eventId());
            return index;
        } catch (RuntimeException failure) {
            Log.errorf(failure, "Stream record %s (%s %s) failed; reporting it and everything after it for retry", event.eventId(),
                    event.action(), event.entity());
            return index;
        }
    }

    private static List<StreamResponse.ItemFailure> failuresFrom(List<StreamRecord> records, int from) {
        List<StreamResponse.ItemFailure> failures = new ArrayList<>();
        for (int j = from; j < records.size(); j++) {
            StreamRecord failed = records.get(j);
            if (failed != null && failed.dynamodb() != null && failed.dynamodb().sequenceNumber() != null) {
                failures.add(new StreamResponse.ItemFailure(failed.dynamodb().sequenceNumber()));
            }
        }
        return failures;
    }
}
