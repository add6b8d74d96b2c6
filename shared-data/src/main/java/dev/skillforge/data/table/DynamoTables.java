package dev.skillforge.data.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/** Turns {@link TableDesign} into SDK requests for the local engine and tooling. */
public final class DynamoTables {

    private DynamoTables() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        Set<String> keyAttributes = new LinkedHashSet<>(List.of(TableDesign.PK, TableDesign.SK));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (IndexDesign index : TableDesign.INDEXES) {
            keyAttributes.add(index.partitionKey());
            keyAttributes.add(index.sortKey());
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(hash(index.partitionKey()), range(index.sortKey()))
                    .projection(Projection.builder().projectionType(ProjectionType.fromValue(index.projection().name())).build())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.fromValue(TableDesign.BILLING_MODE))
                .keySchema(hash(TableDesign.PK), range(TableDesign.SK))
                .attributeDefinitions(keyAttributes.stream()
                        .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
                        .toList())
                .globalSecondaryIndexes(indexes)
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.fromValue(TableDesign.STREAM_VIEW_TYPE))
                        .build())
                .build();
    }

    /** Only for engines that implement UpdateTimeToLive (AWS itself); dynalite 4 does not. */
    public static UpdateTimeToLiveRequest timeToLiveRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder()
                        .attributeName(TableDesign.TTL_ATTRIBUTE).enabled(true).build())
                .build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
