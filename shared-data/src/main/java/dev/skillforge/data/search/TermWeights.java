package dev.skillforge.data.search;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A course's words with their weights ({@link SearchTerms#of}). Every posting carries them, so a search scores all its
 * words from the postings of one word, without a read per word. Stored as one compact string, {@code word:weight}
 * separated by spaces (folded words have neither).
 */
public record TermWeights(Map<String, Integer> weights) {

    public TermWeights {
        weights = Map.copyOf(weights);
    }

    public static TermWeights parse(String encoded) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split(" ")) {
                int colon = pair.lastIndexOf(':');
                weights.put(pair.substring(0, colon), Integer.parseInt(pair.substring(colon + 1)));
            }
        }
        return new TermWeights(weights);
    }

    public static String encode(Map<String, Integer> weights) {
        StringBuilder out = new StringBuilder();
        weights.forEach((word, weight) -> out.append(out.isEmpty() ? "" : " ").append(word).append(':').append(weight));
        return out.toString();
    }

    /**
     * What a query word scores in this course: the best weight among the course's words that start with it, doubled for
     * the word itself; 0 when none does. {@code only} (null: any word) restricts the words that count.
     */
    public int score(String queryWord, Collection<String> only) {
        int best = 0;
        for (Map.Entry<String, Integer> term : weights.entrySet()) {
            if (term.getKey().startsWith(queryWord) && (only == null || only.contains(term.getKey()))) {
                best = Math.max(best, term.getValue() * (term.getKey().equals(queryWord) ? SearchTerms.EXACT_FACTOR : 1));
            }
        }
        return best;
    }

    /**
     * Of {@code words}, the one through which this course scores best for {@code queryWord} (ties: the first in
     * alphabetical order), or null. A course found under several of those words is counted only under this one.
     */
    public String bestOf(String queryWord, Collection<String> words) {
        String best = null;
        int bestScore = 0;
        for (String word : words) {
            Integer weight = weights.get(word);
            if (weight == null || !word.startsWith(queryWord)) {
                continue;
            }
            int score = weight * (word.equals(queryWord) ? SearchTerms.EXACT_FACTOR : 1);
            if (score > bestScore || (score == bestScore && word.compareTo(best) < 0)) {
                best = word;
                bestScore = score;
            }
        }
        return best;
    }
}
