package dev.skillforge.courses.app.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.skillforge.data.paging.CursorCodec;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.search.CourseCard;
import dev.skillforge.data.search.PrefixWords;
import dev.skillforge.data.search.SearchIndexReader;
import dev.skillforge.data.search.SearchKeys;

/**
 * One page of a search of folded query words. The first page reads the words' prefix items (one BatchGetItem) to expand
 * them and to find the rarest; the cursor carries that choice to later pages, which read postings only.
 * <p>
 * An edit can move a course (its words and weights make its score), so the cursor also carries when the pass began, and
 * later pages leave out courses changed since (their {@code updatedAt}): such a course may have been listed at its earlier
 * place already. No course is listed twice in one pass.
 */
public final class RankedSearch {

    private final SearchIndexReader index;
    private final CursorCodec cursors;
    private final OneWordSearch oneWord;
    private final SeveralWordsSearch severalWords;

    public RankedSearch(SearchIndexReader index, CursorCodec cursors) {
        this.index = index;
        this.cursors = cursors;
        this.oneWord = new OneWordSearch(index);
        this.severalWords = new SeveralWordsSearch(index);
    }

    public Page<CourseCard> page(List<String> words, PageRequest page, Instant now) {
        SearchCursor cursor = SearchCursor.decode(cursors, words, page.cursor());
        Instant passBegan = cursor == null ? now : cursor.passBegan();
        Expansion rarest = cursor != null ? Expansion.carried(cursor.driver(), cursor.expansion()) : rarest(words);
        if (rarest == null) {
            return new Page<>(List.of(), null);
        }
        RankedPage ranked = words.size() == 1
                ? oneWord.page(rarest, cursor == null ? null : cursor.after(), page.limit())
                : severalWords.page(words, rarest, cursor, page.limit());
        List<CourseCard> items = cursor == null ? ranked.items()
                : ranked.items().stream().filter(course -> course.updatedAt() == null || course.updatedAt().isBefore(passBegan)).toList();
        return new Page<>(items, ranked.next() == null ? null : ranked.next().begun(passBegan).encode(cursors, words));
    }

    /** The expansion of the word with the fewest courses, or null when some word matches no indexed word at all. */
    private Expansion rarest(List<String> words) {
        Map<String, PrefixWords> prefixes = index.prefixes(words.stream().map(SearchKeys::prefixOf).toList());
        List<Expansion> expansions = new ArrayList<>();
        for (String word : words) {
            Expansion expansion = Expansion.of(word, prefixes.get(SearchKeys.prefixOf(word)));
            if (expansion.isEmpty()) {
                return null;
            }
            expansions.add(expansion);
        }
        return expansions.stream().min(Comparator.comparingLong(Expansion::estimatedCourses)
                .thenComparing(e -> -e.queryWord().length())).orElseThrow();
    }
}
