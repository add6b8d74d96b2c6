package dev.skillforge.data.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.table.IndexDesign;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.testing.TestEngine;
import dev.skillforge.data.testing.TestTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The course repository against the real engine, on a table created from TableDesign. */
class CourseRepositoryTest {

    static TestEngine engine;
    static DynamoDbClient client;
    static CourseRepository courses;

    @BeforeAll
    static void startEngine() {
        engine = TestEngine.start();
        client = engine.client();
        courses = new CourseRepository(engine.table());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
        assertFalse(engine.dynalite().isAlive());
    }

    static Course draft(String id) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Course(id, "owner", "Title " + id, null, "data", List.of("sql"), "beginner", null, CourseStatus.DRAFT, 1, t, t,
                "owner", null);
    }

    @Test
    void tableHasEveryIndexOfTheDesignWithItsProjection() {
        TableDescription table = client.describeTable(b -> b.tableName(TestTable.NAME)).table();
        assertEquals(TableDesign.INDEXES.size(), table.globalSecondaryIndexes().size());
        for (IndexDesign design : TableDesign.INDEXES) {
            GlobalSecondaryIndexDescription index = table.globalSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(design.name())).findFirst().orElseThrow();
            assertEquals(design.projection().name(), index.projection().projectionTypeAsString());
            assertEquals(design.partitionKey(), index.keySchema().get(0).attributeName());
            assertEquals(design.sortKey(), index.keySchema().get(1).attributeName());
        }
    }

    @Test
    void secondCreateWithTheSameIdIsRefused() {
        courses.create(draft("dup"));
        assertThrows(Conflict.class, () -> courses.create(draft("dup")));
    }

    @Test
    void publishingAddsTheSparseIndexKeysAndUnpublishingRemovesThemInTheSameWrite() {
        Course draft = draft("sparse");
        courses.create(draft);
        Course published = draft.withStatus(CourseStatus.PUBLISHED, Instant.parse("2026-02-01T00:00:00Z"), "owner");
        courses.update(published, 1);
        Map<String, AttributeValue> item = TestTable.clientItem(client, "course#sparse", "course");
        assertTrue(item.containsKey("GSI1PK") && item.containsKey("GSI2PK"));
        assertEquals(List.of("sparse"), courses.listPublishedNewestFirst(PageRequest.first(10)).items().stream()
                .map(Course::courseId).filter("sparse"::equals).toList());

        courses.update(published.withStatus(CourseStatus.UNPUBLISHED, Instant.parse("2026-03-01T00:00:00Z"), "owner"), 2);
        item = TestTable.clientItem(client, "course#sparse", "course");
        assertFalse(item.containsKey("GSI1PK") || item.containsKey("GSI1SK") || item.containsKey("GSI2PK"));
        assertTrue(courses.listPublishedNewestFirst(PageRequest.first(10)).items().stream()
                .noneMatch(c -> c.courseId().equals("sparse")));
    }

    @Test
    void updatesLeaveAttributesOtherWritersOwnAlone() {
        courses.create(draft("shared"));
        client.updateItem(b -> b.tableName(TestTable.NAME)
                .key(CourseKeys.primary("shared").toAttributes())
                .updateExpression("SET processorNote = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("kept"))));
        courses.update(draft("shared").edited("New", null, "data", List.of(), "beginner", null, Instant.now(), "owner"), 1);
        assertEquals("kept", TestTable.clientItem(client, "course#shared", "course").get("processorNote").s());
    }

    @Test
    void staleAndMissingUpdatesAreTold() {
        courses.create(draft("stale"));
        courses.update(draft("stale").edited("v2", null, "data", List.of(), "beginner", null, Instant.now(), "owner"), 1);
        StaleVersion stale = assertThrows(StaleVersion.class,
                () -> courses.update(draft("stale").edited("v2 again", null, "data", List.of(), "beginner", null, Instant.now(), "o"), 1));
        assertEquals(409, stale.status());
        assertEquals(412, stale.asPreconditionFailed().status());
        assertThrows(NotFound.class, () -> courses.update(draft("ghost"), 1));
    }

    @Test
    void roundTripsEveryField() {
        Course course = new Course("full", "owner", "Full", "Desc", "data", List.of("a", "b"), "advanced", "courses/full/cover/x.png",
                CourseStatus.PUBLISHED, 3, Instant.parse("2026-01-01T00:00:00.123Z"), Instant.parse("2026-01-02T00:00:00Z"), "editor",
                Instant.parse("2026-01-03T00:00:00Z"));
        courses.create(course);
        assertEquals(course, courses.find("full").orElseThrow());
        assertEquals(Map.of("full", course), courses.findMany(List.of("full", "missing", "full")));
    }
}
