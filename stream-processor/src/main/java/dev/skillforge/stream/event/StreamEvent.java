package dev.skillforge.stream.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The invocation payload: a DynamoDB Streams batch exactly as Lambda's event source mapping sends it
 * ({@code {"Records": [...]}}), or an admin's maintenance request ({@code {"maintenance": "rebuild-aggregates"}}).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamEvent(
        @JsonProperty("Records") List<StreamRecord> records,
        @JsonProperty("maintenance") String maintenance,
        @JsonProperty("repair") Boolean repair) {
}
