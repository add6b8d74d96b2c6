package dev.skillforge.courses.app.search;

import java.util.ArrayList;
import java.util.List;

import dev.skillforge.data.search.CourseCard;
import dev.skillforge.data.search.SearchIndexReader;
import dev.skillforge.data.search.SearchPosition;

/**
 * A query of one word: the postings of the words it expands to, merged in position order, are the ranking itself (a
 * course's score is its best word's), so a page is read straight down from the cursor's position and no deeper than it
 * needs: about a page of postings, at most {@link #MAX_POSTINGS}. A course found under several of the words is listed
 * under its best one only. Courses published or removed between pages do not move the others: each page starts below
 * the last position shown, so every course present throughout is listed exactly once.
 */
final class OneWordSearch {

    /** Postings one request may read. */
    static final int MAX_POSTINGS = 100;

    private final SearchIndexReader reader;

    OneWordSearch(SearchIndexReader reader) {
        this.reader = reader;
    }

    RankedPage page(Expansion expansion, SearchPosition after, int limit) {
        List<PostingStream> streams = new ArrayList<>();
        for (String word : expansion.words()) {
            int factor = expansion.factor(word);
            if (after == null) {
                streams.add(new PostingStream(word, factor, SearchIndexReader.Range.ALL));
            } else if (after.sortKeyBelow(factor) != null) {
                streams.add(new PostingStream(word, factor, SearchIndexReader.Range.below(after.sortKeyBelow(factor))));
            }
        }
        PostingMerge merge = new PostingMerge(streams, reader, MAX_POSTINGS);
        List<PostingMerge.Posting> listed = new ArrayList<>();
        SearchPosition lastRead = null;
        // one more than the page, to know whether another page follows
        while (listed.size() <= limit) {
            PostingMerge.Posting posting = merge.next(limit + 1 - listed.size());
            if (posting == null) {
                break;
            }
            lastRead = posting.position();
            if (posting.stream().word.equals(posting.entry().terms().bestOf(expansion.queryWord(), expansion.words()))) {
                listed.add(posting);
            }
        }
        List<CourseCard> items = listed.stream().limit(limit).map(p -> p.entry().course()).toList();
        SearchPosition resume = listed.size() > limit ? listed.get(limit - 1).position() : merge.cutShort() ? lastRead : null;
        SearchCursor next = resume == null ? null : new SearchCursor(expansion.queryWord(), expansion.words(), resume, null);
        return new RankedPage(items, next);
    }
}
