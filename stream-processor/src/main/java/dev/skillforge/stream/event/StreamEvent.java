package dev.skillforge.stream.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The invocation payload: a DynamoDB Streams batch exactly as Lambda's event source mapping sends it
 * ({@code {"Records": [...]}}), or an operator's maintenance request: {@code {"maintenance": "replay-parked"}}, or
 * {@code {"maintenance": "rebuild-aggregates", "runId": "...", "repair": false, "segment": 0, "totalSegments": 4,
 * "resumeFrom": "..."}}, or {@code {"maintenance": "rebuild-search", "resumeFrom": "..."}} (docs/operations.md).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamEvent(
        @JsonProperty("Records") List<StreamRecord> records,
        @JsonProperty("maintenance") String maintenance,
        @JsonProperty("repair") Boolean repair,
        @JsonProperty("runId") String runId,
        @JsonProperty("segment") Integer segment,
        @JsonProperty("totalSegments") Integer totalSegments,
        @JsonProperty("resumeFrom") String resumeFrom) {
}
