package dev.skillforge.courses.api;

import static dev.skillforge.courses.api.CourseApi.publishedCourse;
import static dev.skillforge.web.testing.Http.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.skillforge.data.search.CourseCard;
import dev.skillforge.data.search.PostingCodec;
import dev.skillforge.data.search.PrefixWords;
import dev.skillforge.data.testing.Cursors;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.PagingStability;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.web.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Paging a search while courses are published and removed between pages (each course present throughout is listed
 * exactly once), and what a page reads: a bounded number of postings, every Query with a Limit.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class SearchPagingTest {

    static final String ALICE = TestTokens.instructor("alice");

    static Response page(String q, int limit, String cursor) {
        return CourseSearchTest.page(q, limit, cursor);
    }

    /** Every page of {@code q}, changing the index between pages (and delivering the change to it) as {@code betweenPages} says. */
    static List<String> allPages(String q, int limit, PagingStability.BetweenPages betweenPages) {
        return PagingStability.pageThrough(cursor -> {
            Response page = page(q, limit, cursor);
            return new PagingStability.Seen(page.jsonPath().getList("items.id", String.class), page.jsonPath().getString("nextCursor"));
        }, (pagesRead, listed) -> {
            betweenPages.change(pagesRead - 1, listed);
            SearchFeed.deliver();
        });
    }

    @Test
    void oneWordPagesListEachCoursePresentThroughoutOnceWhileOthersComeAndGo() {
        Set<String> present = new LinkedHashSet<>();
        for (int i = 0; i < 7; i++) {
            present.add(publishedCourse(ALICE, "Scala course " + i, "programming"));
            present.add(publishedCourse(ALICE, "Functional course " + i, "programming", "scala"));
        }
        SearchFeed.deliver();
        List<String> listed = allPages("scala", 3, (number, shown) -> {
            if (number < 4) {
                changeBetweenPages(present, shown, "Scala newest " + number, "Another course " + number, "scala");
            }
        });
        PagingStability.assertEachListedOnce(present, listed);
    }

    @Test
    void severalWordPagesListEachCoursePresentThroughoutOnceWhileOthersComeAndGo() {
        Set<String> present = new LinkedHashSet<>();
        for (int i = 0; i < 5; i++) {
            present.add(publishedCourse(ALICE, "Scala Akka " + i, "programming"));
            present.add(publishedCourse(ALICE, "Scala course " + i, "programming", "akka"));
            publishedCourse(ALICE, "Scala only " + i, "programming");
        }
        SearchFeed.deliver();
        List<String> listed = allPages("scala akka", 3, (number, shown) -> {
            if (number < 3) {
                changeBetweenPages(present, shown, "Scala Akka newest " + number, "Scala late " + number, "akka");
            }
        });
        PagingStability.assertEachListedOnce(present, listed);
    }

    /**
     * Between pages, edits move courses: a listed course loses the word from its title (keeping it as a tag) and drops
     * below the boundary, one not listed yet gains it in its title and rises above. The one that dropped is not listed a
     * second time; every course left alone is listed once.
     */
    @Test
    void coursesEditedAcrossTheBoundaryAreNotListedTwice() {
        Set<String> present = new LinkedHashSet<>();
        for (int i = 0; i < 6; i++) {
            present.add(publishedCourse(ALICE, "Rust course " + i, "programming"));
            present.add(publishedCourse(ALICE, "Systems course " + i, "programming", "rust"));
        }
        SearchFeed.deliver();
        List<String> listed = allPages("rust", 3, (number, shown) -> {
            if (number < 2) {
                String dropped = shown.stream().filter(present::contains).findFirst().orElseThrow();
                edit(dropped, "Dropped course " + number, "rust");
                String risen = present.stream().filter(id -> !shown.contains(id)).reduce((a, b) -> b).orElseThrow();
                edit(risen, "Rust risen " + number);
                present.remove(dropped);
                present.remove(risen);
            }
        });
        PagingStability.assertEachListedOnce(present, listed);
    }

    private static void edit(String courseId, String title, String... tags) {
        int version = as(ALICE).get("/courses/{courseId}", courseId).then().statusCode(200).extract().path("version");
        Map<String, Object> body = new HashMap<>(CourseApi.course(title, "programming", tags));
        body.put("version", version);
        as(ALICE).body(body).put("/courses/{courseId}", courseId).then().statusCode(200);
    }

    /**
     * Between two pages: a course that ranks above the pages shown and one that ranks lower are published, one course
     * already listed is unpublished and one not listed yet is deleted (both leave the set of courses present throughout).
     */
    private static void changeBetweenPages(Set<String> present, List<String> shown, String aboveTitle, String belowTitle,
            String belowTag) {
        publishedCourse(ALICE, aboveTitle, "programming");
        publishedCourse(ALICE, belowTitle, "programming", belowTag);
        String listedOne = shown.stream().filter(present::contains).findFirst().orElseThrow();
        String notYet = present.stream().filter(id -> !shown.contains(id)).reduce((a, b) -> b).orElseThrow();
        CourseApi.unpublish(ALICE, listedOne);
        CourseApi.delete(ALICE, notYet);
        present.remove(listedOne);
        present.remove(notYet);
    }

    @Test
    void aSearchCursorShowsNoWordPositionOrCourse() {
        for (int i = 0; i < 3; i++) {
            publishedCourse(ALICE, "Kotlin course " + i, "programming", "coroutines");
        }
        SearchFeed.deliver();
        for (String q : List.of("kotlin", "kotlin coroutines")) {
            Response first = page(q, 1, null);
            List<String> shown = new ArrayList<>(first.jsonPath().getList("items.id", String.class));
            shown.addAll(List.of("kotlin", "coroutines", "search", first.jsonPath().getString("items[0].publishedAt").substring(0, 10)));
            Cursors.assertOpaque(first.jsonPath().getString("nextCursor"), shown);
        }
    }

    @Test
    void aPageReadsAboutAPageOfPostingsHoweverManyCoursesMatch() {
        seed("java", 150);
        ReadMeter.take();
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Response page = page("java", 20, cursor);
            ReadMeter.Reads reads = ReadMeter.take();
            assertEquals(0, reads.queriesWithoutLimit(), "every Query sets a Limit");
            assertTrue(reads.queriedItems() <= 21, "a page of 20 reads 21 postings at most: " + reads);
            assertTrue(reads.units() <= 10, "read units of a page of 20: " + reads);
            all.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        assertEquals(150, new LinkedHashSet<>(all).size());
        assertEquals(150, all.size());

        // several words: only the rarer word's postings are read (t3 is a tag of 15 of the 150 courses)
        List<String> both = page("java t3", 20, null).jsonPath().getList("items.id", String.class);
        ReadMeter.Reads reads = ReadMeter.take();
        assertEquals(15, both.size());
        assertTrue(reads.queriedItems() <= 15, reads.toString());
        assertEquals(0, reads.queriesWithoutLimit());

        // a prefix: the most used words it stands for, merged; still bounded
        page("ja", 20, null);
        reads = ReadMeter.take();
        assertTrue(reads.queriedItems() <= 100, reads.toString());
        assertEquals(0, reads.queriesWithoutLimit());
    }

    /**
     * {@code count} published courses with {@code word} in the title and a tag t0..t9, written straight into the index as
     * the indexer would have left them (postings, prefix items): the read side is what is measured here.
     */
    private static void seed(String word, int count) {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String tag = "t" + (i % 10);
            Map<String, Integer> terms = new LinkedHashMap<>();
            terms.put(word, 3);
            terms.put("course", 3);
            terms.put(tag, 2);
            CourseCard card = new CourseCard("seeded-" + i, word + " course " + i, "About " + word + " " + i, "programming", List.of(tag),
                    "beginner", null, "alice", 3, base.plusSeconds(i), base.plusSeconds(i));
            terms.forEach((term, weight) -> {
                items.add(PostingCodec.toItem(term, weight, card, terms, 6));
                counts.merge(term, 1L, Long::sum);
            });
        }
        Map<String, PrefixWords> prefixes = new HashMap<>();
        counts.forEach((term, n) -> {
            for (int length = 2; length <= Math.min(6, term.length()); length++) {
                String prefix = term.substring(0, length);
                prefixes.put(prefix, prefixes.getOrDefault(prefix, PrefixWords.none(prefix)).with(term, n));
            }
        });
        prefixes.values().forEach(prefix -> items.add(new PrefixWords(prefix.prefix(), prefix.counts(), prefix.trimmed(), 1).toItem()));
        TestTable.table().batchWrite(items, List.of());
    }
}
