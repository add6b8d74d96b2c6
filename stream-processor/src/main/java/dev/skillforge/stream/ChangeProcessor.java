package dev.skillforge.stream;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.skillforge.stream.apply.Applier;
import dev.skillforge.stream.event.StreamRecord;
import dev.skillforge.stream.event.StreamResponse;
import io.quarkus.logging.Log;

/**
 * Walks a batch in order. Each record is decoded, the processor's own writes are skipped, and every applier
 * that cares applies it. On the first failure it stops and reports that record and every later one as failed:
 * Lambda then retries from there, and each item's changes stay in order. Malformed records are logged and
 * skipped (a retry could never fix them).
 */
@ApplicationScoped
public class ChangeProcessor {

    @Inject
    ChangeDecoder decoder;

    @Inject
    Instance<Applier> appliers;

    /** What happened to a batch, for logs and metrics. */
    public record Outcome(int processed, int skipped, int malformed, List<StreamResponse.ItemFailure> failures) {
    }

    public Outcome process(List<StreamRecord> records) {
        int processed = 0;
        int skipped = 0;
        int malformed = 0;
        List<StreamResponse.ItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            StreamRecord record = records.get(i);
            ChangeEvent event;
            try {
                event = decoder.decode(record);
            } catch (ChangeDecoder.MalformedRecord bad) {
                Log.warnf("Skipping malformed stream record %s: %s", record == null ? null : record.eventId(), bad.getMessage());
                malformed++;
                continue;
            }
            if (StreamProcessorIdentity.OWN_ENTITIES.contains(event.entity())) {
                skipped++;
                continue;
            }
            try {
                boolean handled = false;
                for (Applier applier : appliers) {
                    if (applier.appliesTo(event)) {
                        applier.apply(event);
                        handled = true;
                    }
                }
                if (handled) {
                    processed++;
                } else {
                    skipped++;
                }
            } catch (RuntimeException failure) {
                Log.errorf(failure, "Stream record %s (%s %s) failed; reporting it and the %d after it for retry", event.eventId(),
                        event.action(), event.entity(), records.size() - i - 1);
                for (int j = i; j < records.size(); j++) {
                    StreamRecord failed = records.get(j);
                    if (failed != null && failed.dynamodb() != null && failed.dynamodb().sequenceNumber() != null) {
                        failures.add(new StreamResponse.ItemFailure(failed.dynamodb().sequenceNumber()));
                    }
                }
                break;
            }
        }
        return new Outcome(processed, skipped, malformed, failures);
    }
}
