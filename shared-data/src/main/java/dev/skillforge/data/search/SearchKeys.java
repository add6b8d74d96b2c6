package dev.skillforge.data.search;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * The course search index: one item per (term, published course). The partition is the term's first two
 * characters, so a prefix query of two or more characters is one Query with begins_with on the sort key.
 */
public final class SearchKeys {

    public static final String ENTITY = "searchTerm";
    public static final String PARTITION_PREFIX = "search#";
    public static final int PARTITION_CHARS = 2;

    public static final AccessPattern BY_PREFIX = new AccessPattern(ENTITY, "published courses with a word starting with a prefix",
            "Query", AccessPattern.TABLE, "PK = search#<first 2 chars of prefix> AND begins_with(SK, <prefix>)",
            "GET /courses/search?q= (one Query per query word, then BatchGetItem of the page's courses)");

    private SearchKeys() {
    }

    public static Key primary(String term, String courseId) {
        return new Key(partition(term), term + "#" + courseId);
    }

    public static String partition(String termOrPrefix) {
        return PARTITION_PREFIX + termOrPrefix.substring(0, PARTITION_CHARS);
    }
}
