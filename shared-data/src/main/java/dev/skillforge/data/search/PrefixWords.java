package dev.skillforge.data.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The prefix item: the most used indexed words that start with {@code prefix} (at most {@link #MAX_WORDS}), each with the
 * number of published courses that have it (kept within a quarter of the exact count, see {@link #with}). {@code trimmed}: a word was ever left out for lack of room, so a word missing
 * here may still be indexed; otherwise the list is every indexed word with this prefix. {@code revision} guards its
 * read-modify-write.
 */
public record PrefixWords(String prefix, Map<String, Long> counts, boolean trimmed, long revision) {

    public static final int MAX_WORDS = 24;
    /** A listed count is rewritten once it is off by more than one part in this many. */
    static final int DRIFT = 4;
    static final int SCHEMA_VERSION = 1;
    private static final Comparator<Map.Entry<String, Long>> MOST_USED = Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey());

    public PrefixWords {
        counts = Map.copyOf(counts);
    }

    public static PrefixWords none(String prefix) {
        return new PrefixWords(prefix, Map.of(), false, 0);
    }

    /** Listed words that start with {@code word} (itself included), most used first, ties in alphabetical order. */
    public List<String> startingWith(String word) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(word)).sorted(MOST_USED).map(Map.Entry::getKey).toList();
    }

    /** Whether every indexed word with this prefix is listed. */
    public boolean complete() {
        return !trimmed;
    }

    public long count(String word) {
        return counts.getOrDefault(word, 0L);
    }

    /**
     * This list with {@code word} counted {@code courses} times (0: gone), cut back to the most used {@link #MAX_WORDS}. A
     * listed count within a quarter of the new one is kept as it is: the counts only rank words, and a popular word's
     * prefix items are then not rewritten for every course that gains or loses it.
     */
    public PrefixWords with(String word, long courses) {
        Long listed = counts.get(word);
        if (listed != null && courses > 0 && Math.abs(courses - listed) <= listed / DRIFT) {
            return this;
        }
        Map<String, Long> next = new LinkedHashMap<>(counts);
        if (courses > 0) {
            next.put(word, courses);
        } else {
            next.remove(word);
        }
        if (next.size() <= MAX_WORDS) {
            return new PrefixWords(prefix, next, trimmed, revision);
        }
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(next.entrySet());
        ranked.sort(MOST_USED);
        Map<String, Long> kept = new LinkedHashMap<>();
        ranked.subList(0, MAX_WORDS).forEach(e -> kept.put(e.getKey(), e.getValue()));
        return new PrefixWords(prefix, kept, true, revision);
    }

    public Map<String, AttributeValue> toItem() {
        Map<String, AttributeValue> words = new LinkedHashMap<>();
        counts.forEach((word, count) -> words.put(word, AttributeValue.fromN(Long.toString(count))));
        return ItemWriter.of(SearchKeys.prefix(prefix), SearchKeys.PREFIX_ENTITY, SCHEMA_VERSION)
                .put("prefix", prefix)
                .putMap("words", words)
                .put("trimmed", trimmed)
                .put("revision", revision)
                .build();
    }

    public static PrefixWords fromItem(Map<String, AttributeValue> item) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, AttributeValue> words = Items.map(item, "words");
        if (words != null) {
            words.forEach((word, count) -> counts.put(word, Long.parseLong(count.n())));
        }
        return new PrefixWords(Items.string(item, "prefix"), counts, Items.bool(item, "trimmed"), Items.number(item, "revision", 0));
    }
}
