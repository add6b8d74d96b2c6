package dev.skillforge.data.keys;

import java.util.Map;

import dev.skillforge.data.table.IndexDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The key an item carries on one GSI. Both halves are always written together, never half rebuilt. */
public record IndexKey(IndexDesign index, String pk, String sk) {

    public void writeTo(Map<String, AttributeValue> item) {
        item.put(index.partitionKey(), AttributeValue.fromS(pk));
        item.put(index.sortKey(), AttributeValue.fromS(sk));
    }
}
