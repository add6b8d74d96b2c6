package dev.skillforge.data.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.problem.InvalidCursor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a Query's LastEvaluatedKey becomes a cursor's position and back: the values of its key attributes in a fixed
 * order ({@code stored}), without their names; the partition key's value is the list's own and is not stored at all.
 * Every key attribute of the table and its indexes is a string.
 */
public record KeyPosition(String partitionAttribute, String partition, List<String> stored) {

    /** The position in one partition of the table ({@code index} null) or of an index. */
    public static KeyPosition of(IndexDesign index, String partition) {
        return index == null
                ? new KeyPosition(TableDesign.PK, partition, List.of(TableDesign.SK))
                : new KeyPosition(index.partitionKey(), partition, List.of(index.sortKey(), TableDesign.PK, TableDesign.SK));
    }

    public int size() {
        return stored.size();
    }

    /** The stored values of a LastEvaluatedKey of this partition. */
    public List<String> values(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey.size() != stored.size() + 1 || !partition.equals(stringOf(lastEvaluatedKey, partitionAttribute))) {
            throw new IllegalStateException("a LastEvaluatedKey of another shape or partition: " + lastEvaluatedKey.keySet());
        }
        List<String> values = new ArrayList<>(stored.size());
        stored.forEach(name -> values.add(stringOf(lastEvaluatedKey, name)));
        return values;
    }

    /** The ExclusiveStartKey of stored values (as many as {@link #size()}, checked by the cursor's decoding). */
    public Map<String, AttributeValue> startKey(List<String> values) {
        if (values.size() != stored.size() || values.stream().anyMatch(String::isEmpty)) {
            throw new InvalidCursor();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(partitionAttribute, AttributeValue.fromS(partition));
        for (int i = 0; i < stored.size(); i++) {
            key.put(stored.get(i), AttributeValue.fromS(values.get(i)));
        }
        return key;
    }

    private static String stringOf(Map<String, AttributeValue> key, String name) {
        AttributeValue value = key.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("a LastEvaluatedKey without the string " + name + ": " + key.keySet());
        }
        return value.s();
    }
}
