package dev.skillforge.stream.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.search.CourseSearchIndex;
import dev.skillforge.data.search.SearchKeys;
import dev.skillforge.data.search.SearchTarget;
import dev.skillforge.data.search.SearchTerms;
import dev.skillforge.data.table.Concurrently;
import dev.skillforge.data.table.SkillForgeTable;
import io.quarkus.logging.Log;

/**
 * MAINTENANCE ONLY (an operator invokes the records consumer with {@code {"maintenance": "rebuild-search"}}, see
 * docs/operations.md). Indexes every published course again, from the published list, through the same index writes as
 * the stream, and deletes its entries in the index before issue 20 ({@code search#<two characters>}). This is the
 * migration: courses published before the whole-word index have no postings until it has run once (courses changed
 * since are indexed by the stream already). Running it again, or while the stream writes, changes nothing: the index
 * ignores a course's state older than what it holds. An invocation stops after {@link #BUDGET} and answers
 * {@code resumeFrom}, the published list's cursor, for the next one.
 */
@ApplicationScoped
public class SearchRebuild {

    public static final String NAME = "rebuild-search";
    static final Duration BUDGET = Duration.ofSeconds(40);
    static final int PAGE = 100;
    /** Courses indexed side by side: they share count and prefix items, whose conditional writes retry when they meet. */
    static final int PARALLEL = 4;

    @Inject
    CourseRepository courses;

    @Inject
    CourseSearchIndex index;

    @Inject
    SkillForgeTable table;

    @Inject
    Clock clock;

    public SearchRebuildReport run(String resumeFrom) {
        Instant deadline = clock.instant().plus(BUDGET);
        AtomicInteger indexed = new AtomicInteger();
        AtomicInteger current = new AtomicInteger();
        AtomicInteger legacy = new AtomicInteger();
        int seen = 0;
        String cursor = resumeFrom;
        do {
            Page<Course> page = courses.listPublishedNewestFirst(new PageRequest(PAGE, cursor));
            Concurrently.forEach(page.items(), PARALLEL, course -> {
                if (index.bringTo(SearchTarget.of(course)) == CourseSearchIndex.Outcome.APPLIED) {
                    indexed.incrementAndGet();
                } else {
                    current.incrementAndGet();
                }
                legacy.addAndGet(deleteLegacyEntries(course));
            });
            seen += page.items().size();
            cursor = page.nextCursor();
        } while (cursor != null && clock.instant().isBefore(deadline));
        Log.infof("Search rebuild: %d published courses, %d indexed, %d already newer in the index, %d old entries deleted%s", seen,
                indexed.get(), current.get(), legacy.get(), cursor == null ? "" : ", more to do");
        return new SearchRebuildReport(seen, indexed.get(), current.get(), legacy.get(), cursor);
    }

    /** The course's entries in the two-letter index (its terms by the same rules); deleting what is gone changes nothing. */
    private int deleteLegacyEntries(Course course) {
        List<Key> keys = SearchTerms.of(course).keySet().stream().map(term -> SearchKeys.legacy(term, course.courseId())).toList();
        table.batchWrite(List.of(), keys);
        return keys.size();
    }
}
