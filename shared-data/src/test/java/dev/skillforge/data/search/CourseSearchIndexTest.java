package dev.skillforge.data.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.testing.Races;
import dev.skillforge.data.testing.TestEngine;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The index's write side against the real engine: postings, counts and prefix items follow a course's history exactly,
 * whatever order its changes arrive in, however often, and when two writers apply changes of one course at once.
 */
class CourseSearchIndexTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static TestEngine engine;
    static CourseSearchIndex index;
    static SearchIndexReader reader;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
        index = new CourseSearchIndex(engine.table());
        reader = new SearchIndexReader(engine.table());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void emptyTable() {
        TestTable.reset(engine.client());
    }

    static Course course(String id, long version, CourseStatus status, String title, String... tags) {
        return new Course(id, "alice", title, "About " + title, "programming", List.of(tags), "beginner", null, status, version, T,
                T.plusSeconds(version), "alice", status == CourseStatus.DRAFT ? null : T.plusSeconds(60));
    }

    static Course published(String id, long version, String title, String... tags) {
        return course(id, version, CourseStatus.PUBLISHED, title, tags);
    }

    /** Every search item but the prefix items, as {@code PK | SK | position} lines, and the counts by word. */
    static TreeSet<String> postings() {
        TreeSet<String> lines = new TreeSet<>();
        for (Map<String, AttributeValue> item : scan(SearchKeys.POSTING_ENTITY)) {
            lines.add(Items.string(item, "PK") + " | " + Items.string(item, "SK") + " | v" + Items.number(item, "version", 0));
        }
        return lines;
    }

    static TreeMap<String, Long> counts() {
        TreeMap<String, Long> counts = new TreeMap<>();
        for (Map<String, AttributeValue> item : scan(SearchKeys.WORD_COUNT_ENTITY)) {
            long courses = Items.number(item, "courses", 0);
            if (courses != 0) {
                counts.put(Items.string(item, "word"), courses);
            }
        }
        return counts;
    }

    static List<Map<String, AttributeValue>> scan(String entity) {
        // test only: a Scan to see everything the index holds
        return engine.client().scanPaginator(b -> b.tableName(TestTable.NAME).consistentRead(true)
                .filterExpression("entity = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(entity))))
                .items().stream().toList();
    }

    static PrefixWords prefix(String prefix) {
        return engine.table().get(SearchKeys.prefix(prefix)).map(PrefixWords::fromItem).orElseGet(() -> PrefixWords.none(prefix));
    }

    @Test
    void aPublishedCourseHasOnePostingPerWholeWordBestFirstWithItsCardAndWords() {
        index.bringTo(SearchTarget.of(published("c1", 2, "Java Streams", "jvm")));

        assertEquals(new TreeSet<>(List.of(
                "search#word#java | 3#2026-01-01T00:01:00.000Z#c1 | v2",
                "search#word#jvm | 2#2026-01-01T00:01:00.000Z#c1 | v2",
                "search#word#programming | 2#2026-01-01T00:01:00.000Z#c1 | v2",
                "search#word#streams | 3#2026-01-01T00:01:00.000Z#c1 | v2")), postings());
        SearchEntry entry = reader.postings("java", SearchIndexReader.Range.ALL, 10, null).entries().get(0);
        assertEquals("Java Streams", entry.course().title());
        assertEquals("About Java Streams", entry.course().summary());
        assertEquals(Map.of("java", 3, "streams", 3, "jvm", 2, "programming", 2), entry.terms().weights());
        assertEquals(Map.of("java", 1L, "jvm", 1L, "programming", 1L, "streams", 1L), counts());
        assertTrue(prefix("j").counts().isEmpty(), "prefixes start at two characters");
        assertEquals(Map.of("java", 1L), prefix("ja").counts());
        assertEquals(Map.of("java", 1L), prefix("jav").counts());
        assertEquals(Map.of("jvm", 1L), prefix("jv").counts());
        assertEquals(Map.of("streams", 1L), prefix("stream").counts());
        assertTrue(prefix("streams").counts().isEmpty(), "prefixes stop at six characters");
    }

    @Test
    void editsMoveExactlyTheWordsThatChangedAndUnpublishOrDeleteRemoveEverything() {
        index.bringTo(SearchTarget.of(published("c1", 2, "Rust Ownership", "systems")));
        index.bringTo(SearchTarget.of(published("c2", 2, "Rust Basics")));
        assertEquals(Map.of("basics", 1L, "ownership", 1L, "programming", 2L, "rust", 2L, "systems", 1L), counts());

        // "ownership" leaves, "borrowing" arrives, "systems" moves from tag to title (its posting key changes)
        index.bringTo(SearchTarget.of(published("c1", 3, "Rust Borrowing Systems")));
        assertEquals(new TreeSet<>(List.of(
                "search#word#basics | 3#2026-01-01T00:01:00.000Z#c2 | v2",
                "search#word#borrowing | 3#2026-01-01T00:01:00.000Z#c1 | v3",
                "search#word#programming | 2#2026-01-01T00:01:00.000Z#c1 | v3",
                "search#word#programming | 2#2026-01-01T00:01:00.000Z#c2 | v2",
                "search#word#rust | 3#2026-01-01T00:01:00.000Z#c1 | v3",
                "search#word#rust | 3#2026-01-01T00:01:00.000Z#c2 | v2",
                "search#word#systems | 3#2026-01-01T00:01:00.000Z#c1 | v3")), postings());
        assertEquals(Map.of("basics", 1L, "borrowing", 1L, "programming", 2L, "rust", 2L, "systems", 1L), counts());
        assertTrue(prefix("ow").counts().isEmpty(), "a word no course has leaves its prefix items");

        index.bringTo(SearchTarget.of(course("c1", 4, CourseStatus.UNPUBLISHED, "Rust Borrowing Systems")));
        index.bringTo(SearchTarget.removed("c2", 2));
        assertEquals(new TreeSet<>(), postings());
        assertEquals(Map.of(), counts());
        assertTrue(prefix("ru").counts().isEmpty());

        index.bringTo(SearchTarget.of(published("c1", 5, "Rust Borrowing Systems")));
        assertEquals(Map.of("borrowing", 1L, "programming", 1L, "rust", 1L, "systems", 1L), counts(), "published again");
    }

    @Test
    void duplicateAndOutOfOrderChangesLeaveTheLatestPosition() {
        SearchTarget v2 = SearchTarget.of(published("c1", 2, "Kotlin Coroutines"));
        SearchTarget v3 = SearchTarget.of(published("c1", 3, "Kotlin Flows", "async"));
        SearchTarget deleted = SearchTarget.removed("c1", 3);
        index.bringTo(v3);
        TreeSet<String> atV3 = postings();
        TreeMap<String, Long> countsAtV3 = counts();

        assertEquals(CourseSearchIndex.Outcome.STALE, index.bringTo(v2), "an older change is ignored");
        assertEquals(CourseSearchIndex.Outcome.APPLIED, index.bringTo(v3), "the same change again");
        assertEquals(atV3, postings());
        assertEquals(countsAtV3, counts());

        index.bringTo(deleted);
        index.bringTo(v3);
        index.bringTo(v2);
        index.bringTo(deleted);
        assertEquals(new TreeSet<>(), postings(), "a delete is after the version it deleted");
        assertEquals(Map.of(), counts());
    }

    @Test
    void writersRacingOnOneCourseEndOnTheLatestPositionWithExactCounts() throws Exception {
        List<SearchTarget> history = new ArrayList<>();
        String[] titles = { "Go Channels", "Go Generics", "Go Channels Generics", "Concurrency in Go", "Go Testing", "Go Profiling" };
        for (int v = 0; v < titles.length; v++) {
            history.add(SearchTarget.of(published("c1", v + 2, titles[v], "tag" + (v % 3))));
        }
        index.bringTo(history.get(history.size() - 1));
        TreeSet<String> latest = postings();
        TreeMap<String, Long> latestCounts = counts();
        assertEquals(Map.of("go", 1L, "profiling", 1L, "programming", 1L, "tag2", 1L), latestCounts);

        for (int round = 0; round < 4; round++) {
            TestTable.reset(engine.client());
            int shift = round;
            // every change of the course applied at once, as when a replay or the rebuild meets the live stream
            Races.atOnce(history.size(), i -> index.bringTo(history.get((i + shift) % history.size())));
            assertEquals(latest, postings(), "round " + round);
            assertEquals(latestCounts, counts(), "round " + round);
            assertTrue(prefix("ch").counts().isEmpty(), "round " + round + ": " + prefix("ch"));
            assertEquals(Map.of("go", 1L), prefix("go").counts(), "round " + round);
        }
    }

    @Test
    void aPrefixItemListsTheMostUsedWordsAndNoMore() {
        // 30 words starting with "ab" over three courses: ab00..ab04 in all three, ab05..ab09 in two, the rest in one
        for (int c = 0; c < 3; c++) {
            List<String> tags = new ArrayList<>();
            for (int w = 0; w < List.of(30, 10, 5).get(c); w++) {
                tags.add(String.format("ab%02d", w));
            }
            index.bringTo(SearchTarget.of(published("c" + c, 2, "Course", tags.toArray(String[]::new))));
        }
        PrefixWords ab = prefix("ab");
        assertEquals(PrefixWords.MAX_WORDS, ab.counts().size());
        assertFalse(ab.complete(), "words were left out");
        assertEquals(List.of("ab00", "ab01", "ab02", "ab03", "ab04", "ab05"), ab.startingWith("ab").subList(0, 6), "most used first");
        assertEquals(3L, ab.count("ab00"));
        assertEquals(1L, ab.count("ab23"));
        assertFalse(ab.counts().containsKey("ab24"), "ties: the first in alphabetical order stay");
        PrefixWords ab2 = prefix("ab2");
        assertTrue(ab2.complete());
        assertEquals(10, ab2.counts().size(), "a longer prefix lists the rarer words");
    }
}
