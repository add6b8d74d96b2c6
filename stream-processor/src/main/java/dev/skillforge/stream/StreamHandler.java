package dev.skillforge.stream;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.skillforge.data.observe.Emf;
import dev.skillforge.data.observe.InvocationMetrics;
import dev.skillforge.stream.event.StreamEvent;
import dev.skillforge.stream.event.StreamResponse;
import dev.skillforge.stream.failure.ParkedRecords;
import dev.skillforge.stream.failure.ParkedReplay;
import dev.skillforge.stream.maintenance.AggregateRebuild;
import dev.skillforge.stream.maintenance.SearchRebuild;
import io.quarkus.logging.Log;

/**
 * The Lambda entry point: a DynamoDB Streams batch in, the partial-batch response out. The same function
 * answers an operator's direct invocation with a maintenance command (replay of parked records, aggregate rebuild, search
 * rebuild).
 */
public class StreamHandler implements RequestHandler<StreamEvent, StreamResponse> {

    /** Batch size, what happened to its records, and how old the oldest one was (the stream's iterator age). */
    static List<InvocationMetrics.Value> metrics(List<dev.skillforge.stream.event.StreamRecord> records, ChangeProcessor.Outcome outcome) {
        List<InvocationMetrics.Value> values = new java.util.ArrayList<>();
        values.add(new InvocationMetrics.Value("BatchSize", "Count", records.size()));
        values.add(new InvocationMetrics.Value("RecordsProcessed", "Count", outcome.processed()));
        values.add(new InvocationMetrics.Value("RecordsSkipped", "Count", outcome.skipped() + outcome.malformed()));
        values.add(new InvocationMetrics.Value("RecordsFailed", "Count", outcome.failures().size()));
        records.stream()
                .map(r -> r == null || r.dynamodb() == null ? null : r.dynamodb().approximateCreationDateTime())
                .filter(java.util.Objects::nonNull)
                .min(Double::compare)
                .ifPresent(oldest -> values.add(new InvocationMetrics.Value("IteratorAge", "Milliseconds",
                        Math.max(0, System.currentTimeMillis() - oldest * 1000))));
        return values;
    }

    /** Time kept back from the function's timeout to park and report what is left (a timeout would fail the batch unparked). */
    static final long TIMEOUT_RESERVE_MS = 10_000;
    static final long MAX_LAMBDA_TIMEOUT_MS = 900_000;

    @Inject
    InvocationDeadline invocationDeadline;

    @Inject
    ChangeProcessor processor;

    @Inject
    AggregateRebuild rebuild;

    @Inject
    ParkedReplay replay;

    @Inject
    SearchRebuild searchRebuild;

    @Inject
    ParkedRecords parked;

    @Inject
    ConsumerSelection selection;

    @Override
    public StreamResponse handleRequest(StreamEvent event, Context context) {
        if (event != null && event.maintenance() != null) {
            return maintenance(event);
        }
        List<dev.skillforge.stream.event.StreamRecord> records = event == null || event.records() == null ? List.of() : event.records();
        // Lambda's timeout is at most 15 minutes; anything else (no context, a test harness without a deadline) is none.
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        long deadline = remaining > TIMEOUT_RESERVE_MS && remaining <= MAX_LAMBDA_TIMEOUT_MS
                ? System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(remaining - TIMEOUT_RESERVE_MS)
                : InvocationDeadline.NONE;
        invocationDeadline.set(deadline);
        ChangeProcessor.Outcome outcome = processor.process(records, deadline);
        // Kept before Lambda may retry or drop them; what a retry then processes is taken out again.
        int failedFrom = outcome.failedFrom();
        if (failedFrom < records.size()) {
            parked.park(selection.consumers(), records.subList(failedFrom, records.size()));
        }
        parked.processed(selection.consumers(), records.subList(0, failedFrom));
        Emf.write(Emf.line(Clock.systemUTC(), Map.of("service", selection.serviceName()), metrics(records, outcome)));
        Log.infof("Stream batch: %d records, %d processed, %d skipped, %d malformed, %d reported failed", records.size(),
                outcome.processed(), outcome.skipped(), outcome.malformed(), outcome.failures().size());
        return StreamResponse.failures(outcome.failures());
    }

    private StreamResponse maintenance(StreamEvent event) {
        invocationDeadline.set(InvocationDeadline.NONE);
        return switch (event.maintenance()) {
            case AggregateRebuild.NAME -> new StreamResponse(null, rebuild.run(new AggregateRebuild.Request(
                    event.runId() == null ? "default" : event.runId(), Boolean.TRUE.equals(event.repair()),
                    event.segment() == null ? 0 : event.segment(), event.totalSegments() == null ? 1 : event.totalSegments(),
                    event.resumeFrom())), null, null);
            case ParkedReplay.NAME -> new StreamResponse(null, null, replay.run(event.resumeFrom()), null);
            case SearchRebuild.NAME -> new StreamResponse(null, null, null, searchRebuild.run(event.resumeFrom()));
            default -> throw new IllegalArgumentException("unknown maintenance command " + event.maintenance());
        };
    }
}
