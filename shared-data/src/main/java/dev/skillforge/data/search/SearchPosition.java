package dev.skillforge.data.search;

import java.time.Instant;
import java.util.Comparator;

import dev.skillforge.data.keys.Timestamps;

/**
 * Where a course ranks: its score, then the newest publication, then the course id. Results are listed from the
 * highest position down; two courses never share one (the id decides), so "after this position" is exact and a page
 * cursor that holds a position seeks, rather than counts, its way to the next page.
 */
public record SearchPosition(int score, Instant publishedAt, String courseId) implements Comparable<SearchPosition> {

    private static final Comparator<SearchPosition> ORDER = Comparator.comparingInt(SearchPosition::score)
            .thenComparing(SearchPosition::publishedAt)
            .thenComparing(SearchPosition::courseId);

    /** Ascending: the best result is the greatest. */
    @Override
    public int compareTo(SearchPosition other) {
        return ORDER.compare(this, other);
    }

    /** Whether this position is listed after {@code other} (ranks lower). */
    public boolean isAfter(SearchPosition other) {
        return compareTo(other) < 0;
    }

    /**
     * The sort-key bound, in the postings of a word that scores {@code factor} times a posting's weight, that matches this
     * position: postings below it (read descending) are exactly those positioned after it. Null when no posting can be.
     */
    public String sortKeyBelow(int factor) {
        if (score % factor == 0) {
            return SearchKeys.postingSortKey(score / factor, publishedAt, courseId);
        }
        // no weight scores exactly this: the postings after it are those of the weights below
        int weight = (score + factor - 1) / factor;
        return weight <= 0 ? null : SearchKeys.weightDigit(weight);
    }

    /** The sort-key bound from which (inclusive, read descending down to it) the postings are positioned at or before this. */
    public String sortKeyAtOrAbove(int factor) {
        if (score % factor == 0) {
            return SearchKeys.postingSortKey(score / factor, publishedAt, courseId);
        }
        return SearchKeys.weightDigit(score / factor + 1);
    }

    public String publishedAtText() {
        return Timestamps.sortable(publishedAt);
    }
}
