package dev.skillforge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.search.SearchKeys;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.testing.DynaliteResource;
import dev.skillforge.data.testing.StreamCapture;
import dev.skillforge.data.testing.TestTable;
import dev.skillforge.stream.failure.ParkedReplay;
import dev.skillforge.stream.maintenance.SearchRebuild;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The search index as the records consumer keeps it, from course records delivered through the function: exact after
 * publish, edit, unpublish and delete, unchanged by duplicate, late and replayed records, and rebuilt from the published
 * list for courses indexed before the whole-word index (whose two-letter entries the rebuild removes).
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
class SearchIndexerTest {

    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    StreamCapture capture;
    CourseRepository courses;

    @BeforeEach
    void captureWrites() {
        FaultInjector.reset();
        capture = StreamCapture.start();
        courses = new CourseRepository(capture.table());
    }

    @AfterEach
    void resetFaults() {
        FaultInjector.reset();
    }

    Course draft(String id, String title, String... tags) {
        Course draft = new Course(id, "alice", title, null, "data", List.of(tags), "beginner", null, CourseStatus.DRAFT, 1, T, T, "alice",
                null);
        courses.create(draft);
        return draft;
    }

    Course publish(Course course) {
        return courses.update(course.withStatus(CourseStatus.PUBLISHED, T.plusSeconds(course.version()), "alice"), course.version());
    }

    Course retitle(Course course, String title, String... tags) {
        return courses.update(course.edited(title, null, course.category(), List.of(tags), course.level(), null,
                T.plusSeconds(60 + course.version()), "alice"), course.version());
    }

    /** The postings in the table, as {@code word -> courseId v<version>}. */
    static TreeSet<String> postings() {
        TreeSet<String> lines = new TreeSet<>();
        for (Map<String, AttributeValue> item : scan(SearchKeys.POSTING_ENTITY)) {
            lines.add(Items.string(item, "word") + " -> " + Items.string(item, "courseId") + " v" + Items.number(item, "version", 0));
        }
        return lines;
    }

    static TreeMap<String, Long> counts() {
        TreeMap<String, Long> counts = new TreeMap<>();
        for (Map<String, AttributeValue> item : scan(SearchKeys.WORD_COUNT_ENTITY)) {
            if (Items.number(item, "courses", 0) != 0) {
                counts.put(Items.string(item, "word"), Items.number(item, "courses", 0));
            }
        }
        return counts;
    }

    static List<Map<String, AttributeValue>> scan(String entity) {
        return TestTable.client().scanPaginator(b -> b.tableName(TestTable.NAME).consistentRead(true)
                .filterExpression("entity = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS(entity))))
                .items().stream().toList();
    }

    static void deliver(List<ObjectNode> records) {
        assertEquals(List.of(), Lambda.failures(Lambda.deliver(records)));
    }

    @Test
    void theIndexFollowsPublishEditUnpublishAndDelete() {
        Course course = draft("c1", "Rust Ownership", "systems");
        deliver(capture.drain());
        assertEquals(new TreeSet<>(), postings(), "a draft has no postings");

        course = publish(course);
        deliver(capture.drain());
        assertEquals(new TreeSet<>(List.of("data -> c1 v2", "ownership -> c1 v2", "rust -> c1 v2", "systems -> c1 v2")), postings());

        // "ownership" and "systems" leave, "borrowing" and "memory" arrive, "rust" stays (its posting rewritten)
        course = retitle(course, "Rust Borrowing", "memory");
        deliver(capture.drain());
        assertEquals(new TreeSet<>(List.of("borrowing -> c1 v3", "data -> c1 v3", "memory -> c1 v3", "rust -> c1 v3")), postings());
        assertEquals(Map.of("borrowing", 1L, "data", 1L, "memory", 1L, "rust", 1L), counts());

        course = courses.update(course.withStatus(CourseStatus.UNPUBLISHED, T.plusSeconds(300), "alice"), course.version());
        deliver(capture.drain());
        assertEquals(new TreeSet<>(), postings(), "unpublished");
        assertEquals(Map.of(), counts());

        course = publish(course);
        deliver(capture.drain());
        assertEquals(4, postings().size(), "published again");

        courses.delete("c1", course.version(), "alice");
        deliver(capture.drain());
        assertEquals(new TreeSet<>(), postings(), "deleted");
        assertEquals(Map.of(), counts());
    }

    @Test
    void duplicateAndLateRecordsChangeNothingALaterRecordSet() {
        Course course = publish(draft("c1", "Kotlin Coroutines"));
        List<ObjectNode> published = capture.drain();
        course = retitle(course, "Kotlin Flows", "async");
        List<ObjectNode> edited = capture.drain();
        deliver(edited);
        TreeSet<String> atEdit = postings();
        assertEquals(new TreeSet<>(List.of("async -> c1 v3", "data -> c1 v3", "flows -> c1 v3", "kotlin -> c1 v3")), atEdit);

        // the earlier records arrive after the later one (a retried batch), then everything twice over
        deliver(published);
        assertEquals(atEdit, postings());
        List<ObjectNode> twice = new ArrayList<>(edited);
        twice.addAll(published);
        twice.addAll(edited);
        deliver(twice);
        assertEquals(atEdit, postings());
        assertEquals(Map.of("async", 1L, "data", 1L, "flows", 1L, "kotlin", 1L), counts());

        courses.delete("c1", course.version(), "alice");
        List<ObjectNode> deleted = capture.drain();
        deliver(deleted);
        deliver(published);
        deliver(edited);
        assertEquals(new TreeSet<>(), postings(), "nothing before a delete brings the course back");
        assertEquals(Map.of(), counts());
    }

    @Test
    void aReplayedRecordBringsTheIndexToTheCourseAsItIsNow() {
        Course course = publish(draft("c1", "Elixir Processes"));
        List<ObjectNode> published = capture.drain();
        // the records consumer fails the publish record until Lambda gives up on it: it is parked
        FaultInjector.concern = StreamConsumer.RECORDS;
        published.forEach(record -> FaultInjector.FAIL_ONCE.add(record.get("eventID").asText()));
        assertEquals(published.size(), Lambda.failures(Lambda.deliver(published)).size());
        FaultInjector.reset();
        assertEquals(new TreeSet<>(), postings());

        retitle(course, "Elixir Supervisors");
        deliver(capture.drain());
        Response replay = Lambda.invoke("{\"maintenance\": \"" + ParkedReplay.NAME + "\"}");
        replay.then().statusCode(200);
        assertTrue(replay.jsonPath().getInt("replay.replayed") >= published.size());
        assertEquals(0, replay.jsonPath().getInt("replay.failedAgain"));
        assertEquals(new TreeSet<>(List.of("data -> c1 v3", "elixir -> c1 v3", "supervisors -> c1 v3")), postings(),
                "the days-old record does not bring the old title back");
    }

    @Test
    void theRebuildIndexesCoursesPublishedBeforeTheWholeWordIndexAndRemovesTheirOldEntries() {
        // As the earlier index left a published course: its two-letter entries, no postings, no manifest.
        publish(draft("old", "Java Basics", "jvm"));
        Course draft = draft("draft", "Java Drafts");
        capture.drain();
        List<String> oldTerms = List.of("java", "basics", "jvm", "data");
        for (String term : oldTerms) {
            TestTable.put(Map.of("PK", AttributeValue.fromS(SearchKeys.legacy(term, "old").pk()),
                    "SK", AttributeValue.fromS(SearchKeys.legacy(term, "old").sk()), "entity", AttributeValue.fromS(SearchKeys.LEGACY_ENTITY),
                    "term", AttributeValue.fromS(term), "courseId", AttributeValue.fromS("old")));
        }
        // ...and one published since, whose record the stream delivered
        publish(draft("new", "Java Records"));
        deliver(capture.drain());
        assertEquals(new TreeSet<>(List.of("data -> new v2", "java -> new v2", "records -> new v2")), postings());

        Response rebuilt = Lambda.invoke("{\"maintenance\": \"" + SearchRebuild.NAME + "\"}");
        rebuilt.then().statusCode(200);
        assertEquals(2, rebuilt.jsonPath().getInt("searchRebuild.courses"));
        assertEquals(null, rebuilt.jsonPath().getString("searchRebuild.resumeFrom"));
        assertEquals(new TreeSet<>(List.of("basics -> old v2", "data -> new v2", "data -> old v2", "java -> new v2", "java -> old v2",
                "jvm -> old v2", "records -> new v2")), postings());
        assertEquals(Map.of("basics", 1L, "data", 2L, "java", 2L, "jvm", 1L, "records", 1L), counts());
        assertEquals(0, scan(SearchKeys.LEGACY_ENTITY).size(), "the two-letter entries are gone");
        assertTrue(postings().stream().noneMatch(line -> line.contains(draft.courseId())), "drafts are not indexed");

        // running it again changes nothing
        Lambda.invoke("{\"maintenance\": \"" + SearchRebuild.NAME + "\"}").then().statusCode(200);
        assertEquals(7, postings().size());
        assertEquals(Map.of("basics", 1L, "data", 2L, "java", 2L, "jvm", 1L, "records", 1L), counts());
    }
}
