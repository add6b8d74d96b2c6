package dev.skillforge.stream.event;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One stream record in Lambda's format; images stay raw DynamoDB JSON until {@link dev.skillforge.data.item.DynamoJson} decodes them. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamRecord(
        @JsonProperty("eventID") String eventId,
        @JsonProperty("eventName") String eventName,
        @JsonProperty("eventSource") String eventSource,
        @JsonProperty("eventSourceARN") String eventSourceArn,
        @JsonProperty("awsRegion") String awsRegion,
        @JsonProperty("dynamodb") Data dynamodb,
        @JsonProperty("userIdentity") JsonNode userIdentity) {

    /** The change itself. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(
            @JsonProperty("ApproximateCreationDateTime") Double approximateCreationDateTime,
            @JsonProperty("Keys") Map<String, JsonNode> keys,
            @JsonProperty("NewImage") Map<String, JsonNode> newImage,
            @JsonProperty("OldImage") Map<String, JsonNode> oldImage,
            @JsonProperty("SequenceNumber") String sequenceNumber,
            @JsonProperty("SizeBytes") Long sizeBytes,
            @JsonProperty("StreamViewType") String streamViewType) {
    }
}
