package dev.skillforge.stream.apply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one item contributes to its course's counters. The delta of a change is the new image's contribution
 * minus the old one's, so inserts, edits (a rating moving from 2 to 5) and deletes all fall out of one rule.
 */
final class Contributions {

    private Contributions() {
    }

    static Map<String, Long> delta(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage,
            Function<Map<String, AttributeValue>, Map<String, Long>> contribution) {
        Map<String, Long> delta = new LinkedHashMap<>();
        if (newImage != null) {
            contribution.apply(newImage).forEach((k, v) -> delta.merge(k, v, Long::sum));
        }
        if (oldImage != null) {
            contribution.apply(oldImage).forEach((k, v) -> delta.merge(k, -v, Long::sum));
        }
        delta.values().removeIf(v -> v == 0);
        return delta;
    }
}
