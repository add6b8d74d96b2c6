package dev.skillforge.courses.app;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.courses.app.search.RankedSearch;
import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.search.CourseCard;
import dev.skillforge.data.search.SearchIndexReader;
import dev.skillforge.data.search.SearchTerms;

/**
 * Search over title words, tags and category, ranked: the query is folded like the index, each word matches the words
 * of a course that start with it, a course must match every word, and results rank by the sum of their best weight per
 * word (title 3, tag and category 2, the whole word counted twice), newest first on ties. Read from the whole-word
 * index only (its postings carry what a result shows), a bounded number of postings per request, and paged with a
 * sealed cursor that seeks below the last result shown (docs/data-model.md, "Search").
 */
@ApplicationScoped
public class CourseSearch {

    static final int MAX_QUERY_LENGTH = 100;
    static final int MAX_WORDS = 5;

    private final RankedSearch ranked;
    private final Clock clock;

    @Inject
    public CourseSearch(SearchIndexReader index, CursorCodec cursors, Clock clock) {
        this.ranked = new RankedSearch(index, cursors);
        this.clock = clock;
    }

    public Page<CourseCard> search(String query, PageRequest page) {
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
        return ranked.page(words, page, clock.instant());
    }
}
