package dev.skillforge.data.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the index holds for one course (its own item, {@code search#course#<id>}), the record every index write of the
 * course goes through:
 * <ul>
 * <li>{@code position}: the latest point of the course's history applied ({@link SearchTarget}); a change from before
 * it is ignored, which is what makes late, replayed and duplicate stream records harmless;</li>
 * <li>{@code words} (word to weight) and {@code publishedAt}: the postings that position needs;</li>
 * <li>{@code retired}: postings of earlier positions that may still exist and are to be deleted;</li>
 * <li>{@code counted}: the words whose course count includes this course, moved towards {@code words} in transactions
 * with the counts themselves ({@code countRevision} numbers them), and {@code refresh}: counted words whose prefix items
 * are still to be brought up to date.</li>
 * </ul>
 */
public record SearchManifest(String courseId, long position, Map<String, Integer> words, Instant publishedAt, List<String> retired,
        List<String> counted, List<String> refresh, long countRevision) {

    static final int SCHEMA_VERSION = 1;
    static final String POSITION = "position";
    static final String RETIRED = "retired";
    static final String COUNTED = "counted";
    static final String REFRESH = "refresh";
    static final String COUNT_REVISION = "countRevision";
    /** No manifest yet: before every position. */
    static final long NONE = -1;

    public SearchManifest {
        words = Map.copyOf(words);
        retired = List.copyOf(retired);
        counted = List.copyOf(counted);
        refresh = List.copyOf(refresh);
    }

    static SearchManifest none(String courseId) {
        return new SearchManifest(courseId, NONE, Map.of(), null, List.of(), List.of(), List.of(), 0);
    }

    public boolean exists() {
        return position != NONE;
    }

    /** The postings this position needs, as {@code word sortKey} (the form {@code retired} lists them in). */
    Set<String> postings() {
        Set<String> postings = new LinkedHashSet<>();
        words.forEach((word, weight) -> postings.add(word + " " + SearchKeys.postingSortKey(weight, publishedAt, courseId)));
        return postings;
    }

    /** The manifest of {@code target}, taking over what this one still had to retire, count and refresh. */
    SearchManifest movedTo(SearchTarget target) {
        Instant published = target.indexed() ? CourseCard.of(target.course()).publishedAt() : null;
        SearchManifest next = new SearchManifest(courseId, target.position(), target.words(), published, List.of(), counted, refresh,
                countRevision);
        Set<String> stale = new LinkedHashSet<>(retired);
        stale.addAll(postings());
        stale.removeAll(next.postings());
        return new SearchManifest(courseId, next.position, next.words, published, new ArrayList<>(stale), counted, refresh, countRevision);
    }

    /** This manifest after a count move that left these lists (the move adds one to the count revision). */
    SearchManifest counted(List<String> nextCounted, List<String> nextRefresh) {
        return new SearchManifest(courseId, position, words, publishedAt, retired, nextCounted, nextRefresh, countRevision + 1);
    }

    static Key postingKey(String retiredEntry) {
        int space = retiredEntry.indexOf(' ');
        return new Key(SearchKeys.wordPartition(retiredEntry.substring(0, space)), retiredEntry.substring(space + 1));
    }

    /** A deleted course's manifest stays a year (to ignore its late records), then expires. */
    Map<String, AttributeValue> toItem(Instant now) {
        Map<String, AttributeValue> words = new LinkedHashMap<>();
        this.words.forEach((word, weight) -> words.put(word, AttributeValue.fromN(Integer.toString(weight))));
        ItemWriter item = ItemWriter.of(SearchKeys.manifest(courseId), SearchKeys.MANIFEST_ENTITY, SCHEMA_VERSION)
                .put("courseId", courseId)
                .put(POSITION, position)
                .putMap("words", words)
                .put("publishedAt", publishedAt)
                .putStrings(RETIRED, retired)
                .putStrings(COUNTED, counted)
                .putStrings(REFRESH, refresh)
                .put(COUNT_REVISION, countRevision)
                .put(ItemWriter.UPDATED_AT, now);
        if (position % 2 == 1) {
            item.put(dev.skillforge.data.table.TableDesign.TTL_ATTRIBUTE, now.plus(java.time.Duration.ofDays(365)).getEpochSecond());
        }
        return item.build();
    }

    static SearchManifest fromItem(Map<String, AttributeValue> item) {
        Map<String, Integer> words = new LinkedHashMap<>();
        Map<String, AttributeValue> stored = Items.map(item, "words");
        if (stored != null) {
            stored.forEach((word, weight) -> words.put(word, Integer.parseInt(weight.n())));
        }
        return new SearchManifest(Items.string(item, "courseId"), Items.number(item, POSITION, NONE), words,
                Items.instant(item, "publishedAt"), Items.strings(item, RETIRED), Items.strings(item, COUNTED),
                Items.strings(item, REFRESH), Items.number(item, COUNT_REVISION, 0));
    }
}
