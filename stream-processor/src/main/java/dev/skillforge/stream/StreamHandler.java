package dev.skillforge.stream;

import java.util.List;

import jakarta.inject.Inject;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import dev.skillforge.stream.event.StreamEvent;
import dev.skillforge.stream.event.StreamResponse;
import dev.skillforge.stream.maintenance.AggregateRebuild;
import io.quarkus.logging.Log;

/**
 * The Lambda entry point: a DynamoDB Streams batch in, the partial-batch response out. The same function
 * answers an admin's direct invocation {@code {"maintenance": "rebuild-aggregates", "repair": true}}.
 */
public class StreamHandler implements RequestHandler<StreamEvent, StreamResponse> {

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
        Log.infof("Stream batch: %d records, %d processed, %d skipped, %d malformed, %d reported failed", records.size(),
                outcome.processed(), outcome.skipped(), outcome.malformed(), outcome.failures().size());
        return StreamResponse.failures(outcome.failures());
    }
}
