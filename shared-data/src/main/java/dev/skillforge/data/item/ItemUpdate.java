package dev.skillforge.data.item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns the desired state of the attributes an entity owns into one UpdateItem expression: SET what is
 * present, REMOVE what is owned but absent (a sparse GSI key goes away in the same write). Attributes the
 * entity does not own (written by the stream-processor, say) are left alone, which a PutItem would not do.
 */
public record ItemUpdate(String updateExpression, Map<String, String> names, Map<String, AttributeValue> values) {

    public static ItemUpdate of(Map<String, AttributeValue> desired, Set<String> owned) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int i = 0;
        for (String attribute : owned) {
            if (attribute.equals(TableDesign.PK) || attribute.equals(TableDesign.SK)) {
                continue;
            }
            String name = "#a" + i;
            names.put(name, attribute);
            AttributeValue value = desired.get(attribute);
            if (value == null) {
                removes.add(name);
            } else {
                String placeholder = ":v" + i;
                values.put(placeholder, value);
                sets.add(name + " = " + placeholder);
            }
            i++;
        }
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            expression.append(expression.isEmpty() ? "" : " ").append("REMOVE ").append(String.join(", ", removes));
        }
        return new ItemUpdate(expression.toString(), names, values);
    }

    /** Adds a condition's own placeholders; names must start with '#c' and values with ':c' to avoid clashes. */
    public ItemUpdate withCondition(Map<String, String> conditionNames, Map<String, AttributeValue> conditionValues) {
        Map<String, String> n = new HashMap<>(names);
        n.putAll(conditionNames);
        Map<String, AttributeValue> v = new HashMap<>(values);
        v.putAll(conditionValues);
        return new ItemUpdate(updateExpression, n, v);
    }
}
