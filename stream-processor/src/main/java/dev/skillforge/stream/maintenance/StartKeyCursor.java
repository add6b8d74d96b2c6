package dev.skillforge.stream.maintenance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a maintenance command stopped (a Scan's or Query's last evaluated key: the table's string keys), as an opaque
 * string the operator passes back. Not a public API cursor: only the operator's direct invocation sees it.
 */
public final class StartKeyCursor {

    private StartKeyCursor() {
    }

    public static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(lastKey).forEach((name, value) -> out.append(name).append('\u0000').append(value.s()).append('\u0000'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\u0000");
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("not a rebuild cursor");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i += 2) {
            key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
        }
        return key;
    }
}
