package dev.skillforge.data.item;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemUpdateTest {

    @Test
    void setsPresentAttributesAndRemovesOwnedAbsentOnesButNeverTheKey() {
        ItemUpdate update = ItemUpdate.of(Map.of("PK", AttributeValue.fromS("p"), "title", AttributeValue.fromS("t")),
                new LinkedHashSet<>(List.of("PK", "SK", "title", "GSI1PK")));
        assertEquals("SET #a0 = :v0 REMOVE #a1", update.updateExpression());
        assertEquals(Map.of("#a0", "title", "#a1", "GSI1PK"), update.names());
        assertEquals(Map.of(":v0", AttributeValue.fromS("t")), update.values());
    }
}
