package dev.skillforge.courses.app.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.skillforge.data.search.CourseCard;
import dev.skillforge.data.search.SearchIndexReader;
import dev.skillforge.data.search.SearchPosition;

/**
 * A query of several words. Only the rarest word's postings are read (its expansion's, best first, at most
 * {@link #FRAME}): each carries all of its course's words, so every other query word is checked and scored from it, and a
 * course must have a word starting with each. The courses found are ranked by their total score (newest, then id, on
 * ties) before a page is cut from them. The frame is fixed by the first page (its lowest posting, kept in the cursor),
 * so later pages rank the same postings and seek below the last position shown: every course present throughout
 * appears once, whatever is published or removed between pages. A query whose rarest word has more than
 * {@link #FRAME} courses is answered from that word's best {@link #FRAME} (docs/data-model.md, "Search").
 */
final class SeveralWordsSearch {

    /** Postings of the rarest word a first page ranks. */
    static final int FRAME = 100;
    /** Postings a later page may read to rank the same frame again (it may have gained postings since). */
    static final int MAX_POSTINGS = 2 * FRAME;

    private record Ranked(CourseCard course, SearchPosition position) {
    }

    private final SearchIndexReader reader;

    SeveralWordsSearch(SearchIndexReader reader) {
        this.reader = reader;
    }

    RankedPage page(List<String> words, Expansion rarest, SearchCursor cursor, int limit) {
        SearchPosition floor = cursor == null ? null : cursor.floor();
        List<PostingStream> streams = new ArrayList<>();
        for (String word : rarest.words()) {
            int factor = rarest.factor(word);
            streams.add(new PostingStream(word, factor, floor == null ? SearchIndexReader.Range.ALL
                    : SearchIndexReader.Range.downTo(floor.sortKeyAtOrAbove(factor))));
        }
        // a first page ranks the first FRAME postings; a later one all postings down to the frame's floor
        int budget = floor == null ? FRAME : MAX_POSTINGS;
        PostingMerge merge = new PostingMerge(streams, reader, budget);
        List<String> others = words.stream().filter(word -> !word.equals(rarest.queryWord())).toList();
        List<Ranked> found = new ArrayList<>();
        SearchPosition lowest = null;
        for (int taken = 0; taken < budget; taken++) {
            PostingMerge.Posting posting = merge.next(budget - taken);
            if (posting == null) {
                break;
            }
            lowest = posting.position();
            Ranked ranked = rank(posting, rarest, others);
            if (ranked != null) {
                found.add(ranked);
            }
        }
        found.sort(Comparator.comparing(Ranked::position).reversed());
        SearchPosition after = cursor == null ? null : cursor.after();
        List<Ranked> rest = after == null ? found : found.stream().filter(r -> r.position().isAfter(after)).toList();
        List<CourseCard> items = rest.stream().limit(limit).map(Ranked::course).toList();
        SearchCursor next = rest.size() > limit
                ? new SearchCursor(rarest.queryWord(), rarest.words(), rest.get(limit - 1).position(), floor != null ? floor : lowest)
                : null;
        return new RankedPage(items, next);
    }

    /** The course's total score, or null when this is not its best posting or a query word is missing from it. */
    private static Ranked rank(PostingMerge.Posting posting, Expansion rarest, List<String> others) {
        var terms = posting.entry().terms();
        if (!posting.stream().word.equals(terms.bestOf(rarest.queryWord(), rarest.words()))) {
            return null;
        }
        int score = posting.position().score();
        for (String word : others) {
            int scored = terms.score(word, null);
            if (scored == 0) {
                return null;
            }
            score += scored;
        }
        CourseCard course = posting.entry().course();
        return new Ranked(course, new SearchPosition(score, course.publishedAt(), course.courseId()));
    }
}
