package dev.skillforge.data.search;

import java.time.Instant;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;

/**
 * The course search index (docs/data-model.md, "Search"). Four kinds of items, each under a key of its own:
 * <ul>
 * <li>a <b>posting</b> per (whole word, published course), in the word's partition, sorted best first: the word's
 * weight in the course, then the newest publication, then the course id; it carries the course's card and words, so a
 * page of results is read from the postings alone;</li>
 * <li>a <b>prefix item</b> per prefix of 2 to 6 characters: the most used words starting with it, with their counts,
 * bounded, which is how a prefix being typed finds whole words;</li>
 * <li>a <b>word count</b> per word: how many published courses have it (exact, counted in transactions);</li>
 * <li>a <b>manifest</b> per course: what the index holds for it, at which position of the course's history.</li>
 * </ul>
 * No key holds every word of a prefix: a two-letter prefix is one small item.
 */
public final class SearchKeys {

    public static final String POSTING_ENTITY = "searchPosting";
    public static final String PREFIX_ENTITY = "searchPrefix";
    public static final String WORD_COUNT_ENTITY = "searchWordCount";
    public static final String MANIFEST_ENTITY = "searchManifest";
    /** The entries of the index before issue 20 ({@code search#<first two characters>}); only the search rebuild touches them. */
    public static final String LEGACY_ENTITY = "searchTerm";

    public static final String WORD_PARTITION_PREFIX = "search#word#";
    public static final String PREFIX_PARTITION_PREFIX = "search#prefix#";
    public static final String COUNT_PARTITION_PREFIX = "search#count#";
    public static final String MANIFEST_PARTITION_PREFIX = "search#course#";
    static final String LEGACY_PARTITION_PREFIX = "search#";
    static final int LEGACY_PARTITION_CHARS = 2;

    /** Prefix items exist for the first 2 to 6 characters of every indexed word. */
    public static final int SHORTEST_PREFIX = 2;
    public static final int LONGEST_PREFIX = 6;

    public static final AccessPattern WORD_BEST_FIRST = new AccessPattern(POSTING_ENTITY,
            "published courses with a whole word, best first (weight, newest, course id)", "Query (Limit)", AccessPattern.TABLE,
            "PK = search#word#<word> [AND SK < <after the page> or SK >= <frame floor>], ScanIndexForward=false "
                    + "(SK = <weight>#<publishedAt>#<courseId>)",
            "GET /courses/search (one Query per word the query's rarest word expands to; at most 100 postings a request for "
                    + "one word, 200 for several); stream-records (SearchIndexer puts and deletes single postings, conditional on "
                    + "their position)");
    public static final AccessPattern PREFIX_WORDS = new AccessPattern(PREFIX_ENTITY,
            "the most used words starting with a prefix of 2 to 6 characters (at most 24, with course counts)", "BatchGetItem",
            AccessPattern.TABLE, "PK = search#prefix#<prefix> AND SK = prefix",
            "GET /courses/search (first page: one item per query word, eventually consistent); stream-records (refreshed after a "
                    + "word's count changed: consistent read, put on its revision)");
    public static final AccessPattern WORD_COUNT = new AccessPattern(WORD_COUNT_ENTITY, "how many published courses have a word",
            "TransactWriteItems (ADD), BatchGetItem (consistent)", AccessPattern.TABLE, "PK = search#count#<word> AND SK = count",
            "stream-records (counted in the transaction that moves the course's manifest, read to refresh the word's prefix items)");
    public static final AccessPattern MANIFEST = new AccessPattern(MANIFEST_ENTITY,
            "what the index holds for one course, and at which position of its history",
            "GetItem (consistent); PutItem, UpdateItem conditional on position and count revision; in TransactWriteItems with the counts",
            AccessPattern.TABLE, "PK = search#course#<courseId> AND SK = manifest",
            "stream-records (SearchIndexer: an older change than the position is ignored), rebuild-search");
    public static final AccessPattern LEGACY_ENTRIES = new AccessPattern(LEGACY_ENTITY,
            "a course's entries in the index before issue 20 (removed)", "BatchWriteItem (Delete)", AccessPattern.TABLE,
            "PK = search#<first 2 chars of term> AND SK = <term>#<courseId>",
            "rebuild-search (maintenance: every published course from the published list is indexed again and its old entries deleted)");

    private SearchKeys() {
    }

    /** A course's posting under one of its words; the sort key orders a word's postings best first (read descending). */
    public static Key posting(String word, int weight, Instant publishedAt, String courseId) {
        return new Key(wordPartition(word), postingSortKey(weight, publishedAt, courseId));
    }

    public static String wordPartition(String word) {
        return WORD_PARTITION_PREFIX + word;
    }

    /** {@code <weight>#<publishedAt>#<courseId>}: one digit of weight, then a fixed-width time, so strings sort as positions. */
    public static String postingSortKey(int weight, Instant publishedAt, String courseId) {
        return weightDigit(weight) + "#" + Timestamps.sortable(publishedAt) + "#" + courseId;
    }

    /** The sort keys of one weight all start with this digit (and sort above it). */
    public static String weightDigit(int weight) {
        if (weight < 0 || weight > 9) {
            throw new IllegalArgumentException("a posting's weight is one digit: " + weight);
        }
        return Integer.toString(weight);
    }

    public static Key prefix(String prefix) {
        return new Key(PREFIX_PARTITION_PREFIX + prefix, "prefix");
    }

    public static Key wordCount(String word) {
        return new Key(COUNT_PARTITION_PREFIX + word, "count");
    }

    public static Key manifest(String courseId) {
        return new Key(MANIFEST_PARTITION_PREFIX + courseId, "manifest");
    }

    /** Where the index before issue 20 kept a course's term (only to delete it). */
    public static Key legacy(String term, String courseId) {
        return new Key(LEGACY_PARTITION_PREFIX + term.substring(0, LEGACY_PARTITION_CHARS), term + "#" + courseId);
    }

    /** The prefix item a query word reads: its own, or that of its first {@link #LONGEST_PREFIX} characters. */
    public static String prefixOf(String word) {
        return word.length() <= LONGEST_PREFIX ? word : word.substring(0, LONGEST_PREFIX);
    }
}
