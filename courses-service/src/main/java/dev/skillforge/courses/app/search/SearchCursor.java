package dev.skillforge.courses.app.search;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.problem.InvalidCursor;
import dev.skillforge.data.search.SearchPosition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the next page of a search starts, signed and bound to the query's words by the project's {@link CursorCodec}:
 * the position of the last result shown ({@code after}, the next page seeks below it), the query word that was looked up
 * and the words it expanded to on the first page (every page ranks with them, even when prefix items change
 * meanwhile), and for several words the frame's floor (the lowest posting the first page read: later pages rank the
 * same postings).
 */
record SearchCursor(String driver, List<String> expansion, SearchPosition after, SearchPosition floor) {

    static String scope(List<String> words) {
        return "search:" + String.join(" ", words);
    }

    String encode(CursorCodec codec, List<String> words) {
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        fields.put("d", AttributeValue.fromS(driver));
        fields.put("e", AttributeValue.fromS(String.join(" ", expansion)));
        put(fields, "a", after);
        if (floor != null) {
            put(fields, "f", floor);
        }
        return codec.encode(scope(words), fields);
    }

    /** Null for the first page; a cursor of another query, of the earlier offset form, or altered is an InvalidCursor. */
    static SearchCursor decode(CursorCodec codec, List<String> words, String cursor) {
        Map<String, AttributeValue> fields = codec.decode(scope(words), cursor);
        if (fields == null) {
            return null;
        }
        try {
            String driver = fields.get("d").s();
            List<String> expansion = Arrays.asList(fields.get("e").s().split(" "));
            if (!words.contains(driver) || expansion.stream().anyMatch(word -> !word.startsWith(driver))) {
                throw new InvalidCursor();
            }
            return new SearchCursor(driver, expansion, position(fields, "a"), fields.containsKey("fs") ? position(fields, "f") : null);
        } catch (RuntimeException malformed) {
            throw malformed instanceof InvalidCursor invalid ? invalid : new InvalidCursor();
        }
    }

    private static void put(Map<String, AttributeValue> fields, String name, SearchPosition position) {
        fields.put(name + "s", AttributeValue.fromN(Integer.toString(position.score())));
        fields.put(name + "p", AttributeValue.fromS(position.publishedAtText()));
        fields.put(name + "i", AttributeValue.fromS(position.courseId()));
    }

    private static SearchPosition position(Map<String, AttributeValue> fields, String name) {
        return new SearchPosition(Integer.parseInt(fields.get(name + "s").n()), Instant.parse(fields.get(name + "p").s()),
                fields.get(name + "i").s());
    }
}
