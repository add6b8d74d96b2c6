package dev.skillforge.courses.app.search;

import java.util.ArrayList;
import java.util.List;

import dev.skillforge.data.search.PrefixWords;
import dev.skillforge.data.search.SearchTerms;

/**
 * The whole words a query word is looked up under: itself when it is an indexed word, and the most used indexed words
 * that start with it (at most {@link #MAX_WORDS_STARTING_WITH}), from its prefix item. "pyth" becomes python, pythonic...;
 * the word itself scores {@link SearchTerms#EXACT_FACTOR} times a posting's weight, a longer word once.
 */
record Expansion(String queryWord, List<String> words, long estimatedCourses) {

    static final int MAX_WORDS_STARTING_WITH = 6;

    Expansion {
        words = List.copyOf(words);
    }

    static Expansion of(String queryWord, PrefixWords prefix) {
        List<String> listed = prefix.startingWith(queryWord);
        List<String> words = new ArrayList<>();
        long estimate = 0;
        // a complete list that lacks the word says it is not indexed: no Query for it
        if (listed.contains(queryWord) || !prefix.complete()) {
            words.add(queryWord);
            estimate += listed.contains(queryWord) ? prefix.count(queryWord) : 1;
        }
        listed.stream().filter(word -> !word.equals(queryWord)).limit(MAX_WORDS_STARTING_WITH).forEach(words::add);
        for (String word : words) {
            estimate += word.equals(queryWord) ? 0 : prefix.count(word);
        }
        return new Expansion(queryWord, words, estimate);
    }

    /** From a cursor: the words the first page used, so every page ranks alike. */
    static Expansion carried(String queryWord, List<String> words) {
        return new Expansion(queryWord, words, 0);
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    int factor(String word) {
        return word.equals(queryWord) ? SearchTerms.EXACT_FACTOR : 1;
    }
}
