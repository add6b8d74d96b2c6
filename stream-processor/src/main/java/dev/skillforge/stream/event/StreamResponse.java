package dev.skillforge.stream.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.stream.failure.ReplayReport;
import dev.skillforge.stream.maintenance.RebuildReport;
import dev.skillforge.stream.maintenance.SearchRebuildReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The partial-batch response (ReportBatchItemFailures): the sequence numbers Lambda must deliver again.
 * A maintenance run answers with its report instead.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamResponse(List<ItemFailure> batchItemFailures, RebuildReport rebuild, ReplayReport replay,
        SearchRebuildReport searchRebuild) {

    @RegisterForReflection
    public record ItemFailure(String itemIdentifier) {
    }

    public static StreamResponse failures(List<ItemFailure> failures) {
        return new StreamResponse(failures, null, null, null);
    }
}
