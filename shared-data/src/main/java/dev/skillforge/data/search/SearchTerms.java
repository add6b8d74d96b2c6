package dev.skillforge.data.search;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.skillforge.data.course.Course;

/**
 * The words a course is found by, with a weight per field: title words count most, then tags and the
 * category. Text is folded (accents stripped, lower case) the same way for indexing and for queries,
 * which is what makes search case-insensitive.
 */
public final class SearchTerms {

    public static final int MIN_LENGTH = SearchKeys.SHORTEST_PREFIX;
    public static final int MAX_LENGTH = 40;
    public static final int MAX_TERMS_PER_COURSE = 80;
    public static final int TITLE_WEIGHT = 3;
    public static final int TAG_WEIGHT = 2;
    public static final int CATEGORY_WEIGHT = 2;
    /** The bounds of a word's weight in a course (a posting's sort key holds it as one digit). */
    public static final int MAX_WEIGHT = Math.max(TITLE_WEIGHT, Math.max(TAG_WEIGHT, CATEGORY_WEIGHT));
    public static final int MIN_WEIGHT = Math.min(TITLE_WEIGHT, Math.min(TAG_WEIGHT, CATEGORY_WEIGHT));
    /** A query word that is a whole word of the course counts this many times its weight (a prefix of one counts once). */
    public static final int EXACT_FACTOR = 2;

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Set<String> STOP_WORDS = Set.of("an", "and", "the", "of", "to", "in", "for", "with", "on", "at",
            "by", "or", "is");

    private SearchTerms() {
    }

    /** Term -> weight for a course (the highest weight wins when a word appears in several fields). */
    public static Map<String, Integer> of(Course course) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        words(course.title()).forEach(w -> terms.merge(w, TITLE_WEIGHT, Math::max));
        course.tags().forEach(tag -> words(tag).forEach(w -> terms.merge(w, TAG_WEIGHT, Math::max)));
        words(course.category()).forEach(w -> terms.merge(w, CATEGORY_WEIGHT, Math::max));
        if (terms.size() <= MAX_TERMS_PER_COURSE) {
            return terms;
        }
        Map<String, Integer> capped = new LinkedHashMap<>();
        terms.entrySet().stream().limit(MAX_TERMS_PER_COURSE).forEach(e -> capped.put(e.getKey(), e.getValue()));
        return capped;
    }

    /** Folded words of a text, without stop words and words too short to be a search prefix. */
    public static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        return SEPARATORS.splitAsStream(folded)
                .filter(w -> w.length() >= MIN_LENGTH && !STOP_WORDS.contains(w))
                .map(w -> w.length() > MAX_LENGTH ? w.substring(0, MAX_LENGTH) : w)
                .distinct()
                .toList();
    }
}
