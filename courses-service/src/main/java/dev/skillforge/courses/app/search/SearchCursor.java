package dev.skillforge.courses.app.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.problem.InvalidCursor;
import dev.skillforge.data.search.SearchPosition;

/**
 * Where the next page of a search starts, sealed and bound to the query's words by the project's {@link CursorCodec}:
 * the position of the last result shown ({@code after}, the next page seeks below it), the query word that was looked up
 * and the words it expanded to on the first page (every page ranks with them, even when prefix items change
 * meanwhile), and for several words the frame's floor (the lowest posting the first page read: later pages rank the
 * same postings), and when the pass began (its first page: later pages leave out courses changed since). In the cursor:
 * the pass's start in epoch milliseconds, the driver, the expansion, then each position as score, publishedAt, course id.
 */
record SearchCursor(String driver, List<String> expansion, SearchPosition after, SearchPosition floor, Instant passBegan) {

    private static final int WITHOUT_FLOOR = 6;
    private static final int WITH_FLOOR = 9;

    /** Where the next page starts; {@link #begun} adds when the pass began. */
    SearchCursor(String driver, List<String> expansion, SearchPosition after, SearchPosition floor) {
        this(driver, expansion, after, floor, null);
    }

    SearchCursor begun(Instant at) {
        return new SearchCursor(driver, expansion, after, floor, at);
    }

    static String scope(List<String> words) {
        return "search:" + String.join(" ", words);
    }

    String encode(CursorCodec codec, List<String> words) {
        List<String> values = new ArrayList<>(List.of(Long.toString(passBegan.toEpochMilli()), driver, String.join(" ", expansion)));
        put(values, after);
        if (floor != null) {
            put(values, floor);
        }
        return codec.encode(scope(words), values);
    }

    /** Null for the first page; a cursor of another query, of an earlier form, or altered is an InvalidCursor. */
    static SearchCursor decode(CursorCodec codec, List<String> words, String cursor) {
        List<String> values = codec.decode(scope(words), cursor);
        if (values == null) {
            return null;
        }
        if (values.size() != WITHOUT_FLOOR && values.size() != WITH_FLOOR) {
            throw new InvalidCursor();
        }
        try {
            Instant passBegan = Instant.ofEpochMilli(Long.parseLong(values.get(0)));
            String driver = values.get(1);
            List<String> expansion = Arrays.asList(values.get(2).split(" "));
            if (!words.contains(driver) || expansion.stream().anyMatch(word -> !word.startsWith(driver))) {
                throw new InvalidCursor();
            }
            return new SearchCursor(driver, expansion, position(values, 3), values.size() == WITH_FLOOR ? position(values, 6) : null,
                    passBegan);
        } catch (RuntimeException malformed) {
            throw malformed instanceof InvalidCursor invalid ? invalid : new InvalidCursor();
        }
    }

    private static void put(List<String> values, SearchPosition position) {
        values.add(Integer.toString(position.score()));
        values.add(position.publishedAtText());
        values.add(position.courseId());
    }

    private static SearchPosition position(List<String> values, int from) {
        return new SearchPosition(Integer.parseInt(values.get(from)), Instant.parse(values.get(from + 1)), values.get(from + 2));
    }
}
