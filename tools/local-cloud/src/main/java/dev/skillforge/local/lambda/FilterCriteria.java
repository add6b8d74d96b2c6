package dev.skillforge.local.lambda;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * LOCAL ONLY. Lambda's event filtering, for the subset the stream subscription uses: every key of a pattern object
 * must be in the record, an object value matches by the same rule one level down, and a list of values matches
 * when the record's value (or, for a list in the record, one of its elements) equals one of them. A record passes
 * when any pattern matches. Other operators (prefix, anything-but, numeric, exists...) are refused when the
 * patterns are read, so nothing is evaluated differently from Lambda.
 */
public final class FilterCriteria {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> patterns;

    private FilterCriteria(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** The patterns as the event source mapping has them (filter-pattern JSON strings). */
    public static FilterCriteria of(List<String> patterns) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String pattern : patterns) {
            JsonNode node;
            try {
                node = JSON.readTree(pattern);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON: " + pattern, e);
            }
            if (node == null || !node.isObject() || node.isEmpty()) {
                throw new IllegalArgumentException("a filter pattern is a non-empty JSON object: " + pattern);
            }
            checkSupported(node, pattern);
            parsed.add(node);
        }
        return new FilterCriteria(List.copyOf(parsed));
    }

    /** No patterns: every record passes, as without filter criteria. */
    public boolean matches(JsonNode record) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (JsonNode pattern : patterns) {
            if (matchesObject(pattern, record)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode value) {
        if (value == null || !value.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode actual = value.get(field.getKey());
            boolean matched = field.getValue().isObject() ? matchesObject(field.getValue(), actual) : matchesAnyOf(field.getValue(), actual);
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAnyOf(JsonNode allowed, JsonNode actual) {
        if (actual == null || actual.isObject()) {
            return false;
        }
        if (actual.isArray()) {
            for (JsonNode element : actual) {
                if (matchesAnyOf(allowed, element)) {
                    return true;
                }
            }
            return false;
        }
        for (JsonNode candidate : allowed) {
            if (sameScalar(candidate, actual)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /** Objects all the way down to non-empty lists of plain values: the part of Lambda's syntax evaluated here. */
    private static void checkSupported(JsonNode node, String pattern) {
        Iterator<JsonNode> values = node.elements();
        while (values.hasNext()) {
            JsonNode value = values.next();
            if (value.isObject()) {
                checkSupported(value, pattern);
            } else if (value.isArray() && !value.isEmpty()) {
                for (JsonNode element : value) {
                    if (element.isContainerNode()) {
                        throw new IllegalArgumentException("only exact-match value lists are evaluated locally: " + pattern);
                    }
                }
            } else {
                throw new IllegalArgumentException("a pattern's values are objects or non-empty lists: " + pattern);
            }
        }
    }
}
