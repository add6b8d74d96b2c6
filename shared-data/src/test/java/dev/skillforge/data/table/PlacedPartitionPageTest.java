package dev.skillforge.data.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.InvalidCursor;
import dev.skillforge.data.testing.TestEngine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A list ordered by a value that changes, paged while entries move (on dynalite). */
class PlacedPartitionPageTest {

    static final Instant SEEDED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant FIRST_PAGE = SEEDED.plusSeconds(10);
    static TestEngine engine;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** An entry of the list "things" at {@code score} (higher first), placed at {@code placed} (none: before the attribute existed). */
    static void place(String partition, String id, int score, Instant placed) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(TableDesign.PK, AttributeValue.fromS("thing#" + id));
        item.put(TableDesign.SK, AttributeValue.fromS("thing"));
        item.put(TableDesign.GSI2.partitionKey(), AttributeValue.fromS(partition));
        item.put(TableDesign.GSI2.sortKey(), AttributeValue.fromS(String.format("%03d#%s", score, id)));
        if (placed != null) {
            item.put("placedAt", AttributeValue.fromS(Timestamps.sortable(placed)));
        }
        engine.table().client().putItem(b -> b.tableName(engine.table().name()).item(item));
    }

    static Page<Map<String, AttributeValue>> page(String partition, String cursor, Instant now) {
        return engine.table().placedPartitionPage(TableDesign.GSI2, partition, true, new PageRequest(3, cursor), "placedAt", now);
    }

    static List<String> ids(Page<Map<String, AttributeValue>> page) {
        return page.items().stream().map(item -> item.get(TableDesign.PK).s().substring("thing#".length())).toList();
    }

    @Test
    void entriesThatMoveAfterTheFirstPageAreLeftOutAndTheOthersListedOnce() {
        for (int i = 1; i <= 9; i++) {
            place("things", "t" + i, 100 - i, i == 9 ? null : SEEDED);
        }
        Page<Map<String, AttributeValue>> first = page("things", null, FIRST_PAGE);
        List<String> listed = new ArrayList<>(ids(first));
        assertEquals(List.of("t1", "t2", "t3"), listed);
        // t1 (listed) drops to the bottom, t4 (not listed yet) rises to the top, t6 moves a little, t10 enters below
        place("things", "t1", 1, FIRST_PAGE.plusSeconds(1));
        place("things", "t4", 200, FIRST_PAGE.plusSeconds(1));
        place("things", "t6", 93, FIRST_PAGE.plusSeconds(2));
        place("things", "t10", 2, FIRST_PAGE.plusSeconds(2));
        String cursor = first.nextCursor();
        while (cursor != null) {
            Page<Map<String, AttributeValue>> next = page("things", cursor, FIRST_PAGE.plusSeconds(60));
            listed.addAll(ids(next));
            cursor = next.nextCursor();
        }
        assertEquals(List.of("t1", "t2", "t3", "t5", "t7", "t8", "t9"), listed);
    }

    @Test
    void theTimeThePassBeganComesFromTheCursorAndTheCursorFromThisList() {
        for (int i = 1; i <= 4; i++) {
            place("mine", "m" + i, 100 - i, SEEDED);
            place("theirs", "o" + i, 100 - i, SEEDED);
        }
        String cursor = page("mine", null, FIRST_PAGE).nextCursor();
        // asked much later, the pass still began at the first page: m4, placed before it, is listed
        assertEquals(List.of("m4"), ids(page("mine", cursor, FIRST_PAGE.plusSeconds(3600))));
        assertThrows(InvalidCursor.class, () -> page("theirs", cursor, FIRST_PAGE));
        String plainCursor = engine.table().partitionPage(TableDesign.GSI2, "mine", true, PageRequest.first(3)).nextCursor();
        assertThrows(InvalidCursor.class, () -> page("mine", plainCursor, FIRST_PAGE));
    }
}
