package dev.skillforge.courses.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.search.SearchHit;
import dev.skillforge.data.search.SearchTerms;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Prefix search over title words, tags and category. Every query word is one Query on the search index
 * (a prefix of a stored term); a course must match every word. Courses rank by the sum of their best
 * weight per word (an exact word counts double), then newest first. The ranked id list is paged with a
 * signed offset cursor bound to the query, and each page's courses are read in one BatchGetItem and
 * re-checked as published.
 */
@ApplicationScoped
public class CourseSearch {

    static final int MAX_QUERY_LENGTH = 100;
    static final int MAX_WORDS = 5;
    /** Entries read per query word; ranking happens among these. */
    static final int HITS_PER_WORD = 1000;

    @Inject
    CourseSearchIndex index;

    @Inject
    CourseRepository courses;

    @Inject
    CursorCodec cursors;

    public Page<Course> search(String query, PageRequest page) {
        if (query == null || query.isBlank()) {
            throw new InvalidInput("q", "is required");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInput("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        List<String> words = SearchTerms.words(query).stream().limit(MAX_WORDS).toList();
        if (words.isEmpty()) {
            throw new InvalidInput("q", "needs a word of at least 2 letters or digits (common words such as 'the' are ignored)");
        }
        String scope = "search:" + String.join(" ", words);
        int offset = decodeOffset(scope, page.cursor());

        List<Ranked> ranked = rank(words);
        List<String> pageIds = ranked.stream().skip(offset).limit(page.limit()).map(Ranked::courseId).toList();
        Map<String, Course> found = courses.findMany(pageIds);
        List<Course> items = pageIds.stream().map(found::get)
                .filter(course -> course != null && course.isPublished())
                .toList();
        int next = offset + page.limit();
        String nextCursor = next < ranked.size()
                ? cursors.encode(scope, Map.of("offset", AttributeValue.fromN(Integer.toString(next))))
                : null;
        return new Page<>(items, nextCursor);
    }

    private List<Ranked> rank(List<String> words) {
        Map<String, Integer> scores = null;
        Map<String, Instant> publishedAt = new HashMap<>();
        for (String word : words) {
            Map<String, Integer> best = new HashMap<>();
            for (SearchHit hit : index.startingWith(word, HITS_PER_WORD)) {
                int score = hit.term().equals(word) ? hit.weight() * 2 : hit.weight();
                best.merge(hit.courseId(), score, Math::max);
                publishedAt.put(hit.courseId(), hit.publishedAt());
            }
            if (scores == null) {
                scores = best;
            } else {
                Map<String, Integer> both = new HashMap<>();
                for (Map.Entry<String, Integer> e : scores.entrySet()) {
                    Integer other = best.get(e.getKey());
                    if (other != null) {
                        both.put(e.getKey(), e.getValue() + other);
                    }
                }
                scores = both;
            }
        }
        List<Ranked> ranked = new ArrayList<>();
        scores.forEach((id, score) -> ranked.add(new Ranked(id, score, publishedAt.get(id))));
        ranked.sort(Comparator.comparingInt(Ranked::score).reversed()
                .thenComparing(Ranked::publishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Ranked::courseId));
        return ranked;
    }

    private int decodeOffset(String scope, String cursor) {
        Map<String, AttributeValue> key = cursors.decode(scope, cursor);
        if (key == null) {
            return 0;
        }
        return Integer.parseInt(key.get("offset").n());
    }

    private record Ranked(String courseId, int score, Instant publishedAt) {
    }
}
