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
import dev.skillforge.stream.maintenance.AggregateRebuild;
import io.quarkus.logging.Log;

/**
 * The Lambda entry point: a DynamoDB Streams batch in, the partial-batch response out. The same function
 * answers an admin's direct invocation {@code {"maintenance": "rebuild-aggregates", "repair": true}}.
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

    @Inject
    ChangeProcessor processor;

    @Inject
    AggregateRebuild rebuild;

    @Override
    public StreamResponse handleRequest(StreamEvent event, Context context) {
        if (event != null && AggregateRebuild.NAME.equals(event.maintenance())) {
            return new StreamResponse(null, rebuild.run(Boolean.TRUE.equals(event.repair())));
        }
        List<dev.skillforge.stream.event.StreamRecord> records = event == null || event.records() == null ? List.of() : event.records();
        ChangeProcessor.Outcome outcome = processor.process(records);
        Emf.write(Emf.line(Clock.systemUTC(), Map.of("service", "stream-processor"), metrics(records, outcome)));
        Log.infof("Stream batch: %d records, %d processed, %d skipped, %d malformed, %d reported failed", records.size(),
                outcome.processed(), outcome.skipped(), outcome.malformed(), outcome.failures().size());
        return StreamResponse.failures(outcome.failures());
    }
}
