package dev.skillforge.data.keys;

import java.util.Map;

import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The primary key of one item. */
public record Key(String pk, String sk) {

    public Map<String, AttributeValue> toAttributes() {
        return Map.of(TableDesign.PK, AttributeValue.fromS(pk), TableDesign.SK, AttributeValue.fromS(sk));
    }

    public static Key of(Map<String, AttributeValue> item) {
        return new Key(item.get(TableDesign.PK).s(), item.get(TableDesign.SK).s());
    }
}
