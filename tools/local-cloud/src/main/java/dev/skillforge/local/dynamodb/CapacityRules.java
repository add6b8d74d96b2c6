package dev.skillforge.local.dynamodb;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import dev.skillforge.data.item.ItemSize;
import dev.skillforge.data.table.IndexDesign;
import dev.skillforge.data.table.TableDesign;

/**
 * LOCAL ONLY. DynamoDB's documented capacity rules for writes, which dynalite does not apply (it charges the table
 * only, never an index): item sizes as DynamoDB counts them, write units per started kilobyte of the larger of the
 * item before and after, twice that inside a transaction, and the global secondary indexes' own writes. Reads are
 * charged by dynalite itself (4 KB units, half for eventually consistent reads, a Query's items summed before
 * rounding, an index Query by the projected entries), so they are not repeated here.
 */
public final class CapacityRules {

    static final int WRITE_UNIT_BYTES = 1024;
    /** What DynamoDB adds to every index entry's size. */
    static final int INDEX_ENTRY_OVERHEAD = 100;

    private CapacityRules() {
    }

    /** The write units of one item written outside a transaction; {@code before} or {@code after} null when absent. */
    public static double writeUnits(JsonNode before, JsonNode after) {
        return tableWrite(before, after) + indexWrites(before, after);
    }

    /** The write units of one item written by a transaction: the table write costs twice, index writes as usual. */
    public static double transactionalWriteUnits(JsonNode before, JsonNode after) {
        return 2 * tableWrite(before, after) + indexWrites(before, after);
    }

    /** A write whose condition failed still costs the existing item's size (at least one unit), and writes no index. */
    public static double failedConditionUnits(JsonNode before) {
        return Math.max(1, kilobytes(size(before)));
    }

    private static double tableWrite(JsonNode before, JsonNode after) {
        return Math.max(1, Math.max(kilobytes(size(before)), kilobytes(size(after))));
    }

    /**
     * Per index: an entry added or removed is one write of its size; a changed index key is two (the old entry removed,
     * the new one added); an entry whose keys stay is rewritten only when an attribute it projects changed.
     */
    static double indexWrites(JsonNode before, JsonNode after) {
        double units = 0;
        for (IndexDesign index : TableDesign.INDEXES) {
            boolean wasIn = inIndex(before, index);
            boolean isIn = inIndex(after, index);
            if (wasIn && isIn) {
                boolean keysChanged = !Objects.equals(before.get(index.partitionKey()), after.get(index.partitionKey()))
                        || !Objects.equals(before.get(index.sortKey()), after.get(index.sortKey()));
                if (keysChanged) {
                    units += kilobytes(entrySize(before, index)) + kilobytes(entrySize(after, index));
                } else if (index.projection() == IndexDesign.Projection.ALL && !before.equals(after)) {
                    units += Math.max(kilobytes(entrySize(before, index)), kilobytes(entrySize(after, index)));
                }
            } else if (wasIn) {
                units += kilobytes(entrySize(before, index));
            } else if (isIn) {
                units += kilobytes(entrySize(after, index));
            }
        }
        return units;
    }

    private static boolean inIndex(JsonNode item, IndexDesign index) {
        return item != null && item.hasNonNull(index.partitionKey()) && item.hasNonNull(index.sortKey());
    }

    private static long entrySize(JsonNode item, IndexDesign index) {
        if (index.projection() == IndexDesign.Projection.ALL) {
            return size(item) + INDEX_ENTRY_OVERHEAD;
        }
        long keys = 0;
        for (String name : new String[] {TableDesign.PK, TableDesign.SK, index.partitionKey(), index.sortKey()}) {
            keys += attributeSize(name, item.get(name));
        }
        return keys + INDEX_ENTRY_OVERHEAD;
    }

    private static long kilobytes(long bytes) {
        return (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES;
    }

    /** An item's size as DynamoDB counts it: each attribute's name plus its value; 0 for no item. */
    public static long size(JsonNode item) {
        if (item == null || !item.isObject()) {
            return 0;
        }
        long total = 0;
        for (Map.Entry<String, JsonNode> attribute : item.properties()) {
            total += attributeSize(attribute.getKey(), attribute.getValue());
        }
        return total;
    }

    private static long attributeSize(String name, JsonNode value) {
        return value == null ? 0 : utf8(name) + valueSize(value);
    }

    /** A value in DynamoDB's JSON form ({"S": ...}, {"N": ...}, {"M": {...}}, ...). */
    static long valueSize(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.properties().iterator().next();
        JsonNode content = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> utf8(content.asText());
            case "N" -> numberSize(content.asText());
            case "B" -> Base64.getDecoder().decode(content.asText()).length;
            case "BOOL", "NULL" -> 1;
            case "SS" -> sum(content, element -> utf8(element.asText()));
            case "NS" -> sum(content, element -> numberSize(element.asText()));
            case "BS" -> sum(content, element -> Base64.getDecoder().decode(element.asText()).length);
            // a list or map: 3 bytes, plus 1 per element, plus the elements (a map's with their names)
            case "L" -> 3 + sum(content, element -> 1 + valueSize(element));
            case "M" -> {
                long map = 3;
                for (Map.Entry<String, JsonNode> entry : content.properties()) {
                    map += 1 + attributeSize(entry.getKey(), entry.getValue());
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("not a DynamoDB attribute value: " + value);
        };
    }

    /** DynamoDB's size of a number (the API's own guard counts it the same way). */
    static long numberSize(String number) {
        return ItemSize.number(number);
    }

    private static long sum(JsonNode elements, java.util.function.ToLongFunction<JsonNode> size) {
        long total = 0;
        for (JsonNode element : elements) {
            total += size.applyAsLong(element);
        }
        return total;
    }

    private static long utf8(String text) {
        return ItemSize.utf8Length(text);
    }
}
