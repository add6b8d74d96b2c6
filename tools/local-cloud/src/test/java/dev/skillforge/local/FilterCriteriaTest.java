package dev.skillforge.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.skillforge.data.aggregate.CourseRankKeys;
import dev.skillforge.data.aggregate.CourseStatsKeys;
import dev.skillforge.data.aggregate.StreamMarkerKeys;
import dev.skillforge.data.audit.AuditKeys;
import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.idempotency.IdempotencyKeys;
import dev.skillforge.data.progress.ProgressKeys;
import dev.skillforge.data.review.ReviewKeys;
import dev.skillforge.data.search.SearchKeys;
import dev.skillforge.data.cascade.CascadeJobKeys;
import dev.skillforge.data.stream.ParkedRecordKeys;
import dev.skillforge.data.table.StreamConsumer;
import dev.skillforge.data.testing.StreamRecords;
import dev.skillforge.data.user.UserKeys;
import dev.skillforge.local.lambda.FilterCriteria;

/**
 * The stream subscription's filter patterns, evaluated as Lambda evaluates them, on records shaped as Lambda hands
 * them over: what the stream-processor acts on is delivered, its own writes and their TTL deletes are dropped.
 */
class FilterCriteriaTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final FilterCriteria AGGREGATES = FilterCriteria.of(StreamConsumer.AGGREGATES.filterPatterns());
    private static final FilterCriteria RECORDS = FilterCriteria.of(StreamConsumer.RECORDS.filterPatterns());

    @Test
    void anEnrollmentInsertIsDeliveredToBothConsumers() {
        assertTrue(AGGREGATES.matches(insert(item(EnrollmentKeys.ENTITY))));
        assertTrue(RECORDS.matches(insert(item(EnrollmentKeys.ENTITY))));
    }

    @Test
    void aReviewEditIsDelivered() {
        assertTrue(AGGREGATES.matches(modify(item(ReviewKeys.ENTITY).set("rating", JSON.objectNode().put("N", "2")),
                item(ReviewKeys.ENTITY).set("rating", JSON.objectNode().put("N", "5")))));
    }

    @Test
    void aCourseDeleteReachesTheCascadeWithOnlyItsOldImage() {
        assertTrue(RECORDS.matches(remove(item(CourseKeys.ENTITY))));
    }

    @Test
    void progressAndLessonsAndCascadeJobsGoOnlyToTheRecordsConsumer() {
        for (String entity : List.of(ProgressKeys.ENTITY, dev.skillforge.data.lesson.LessonKeys.ENTITY, CascadeJobKeys.ENTITY)) {
            assertTrue(RECORDS.matches(insert(item(entity))), entity);
            assertFalse(AGGREGATES.matches(insert(item(entity))), entity);
        }
    }

    @Test
    void theCascadesOwnDeletesOfEnrollmentsAndProgressAreDeliveredToCountersAndAudit() {
        assertTrue(AGGREGATES.matches(remove(item(EnrollmentKeys.ENTITY))));
        assertTrue(RECORDS.matches(remove(item(EnrollmentKeys.ENTITY))));
        assertTrue(RECORDS.matches(remove(item(ProgressKeys.ENTITY))));
    }

    @Test
    void everyEntityOfAConsumerIsDeliveredToItWhateverTheChange() {
        for (StreamConsumer consumer : StreamConsumer.values()) {
            FilterCriteria filter = FilterCriteria.of(consumer.filterPatterns());
            for (String entity : consumer.entities()) {
                assertTrue(filter.matches(insert(item(entity))), entity + " insert");
                assertTrue(filter.matches(modify(item(entity), item(entity))), entity + " modify");
                assertTrue(filter.matches(remove(item(entity))), entity + " remove");
            }
        }
    }

    @Test
    void theProcessorsOwnWritesAndTheirTtlDeletesAreDropped() {
        for (String own : List.of(CourseStatsKeys.ENTITY, CourseStatsKeys.SHARD_ENTITY, CourseRankKeys.ENTITY, StreamMarkerKeys.ENTITY,
                AuditKeys.ENTITY, SearchKeys.POSTING_ENTITY, SearchKeys.PREFIX_ENTITY, SearchKeys.WORD_COUNT_ENTITY, SearchKeys.MANIFEST_ENTITY,
                SearchKeys.LEGACY_ENTITY, ParkedRecordKeys.ENTITY)) {
            for (FilterCriteria filter : List.of(AGGREGATES, RECORDS)) {
                assertFalse(filter.matches(insert(item(own))), own + " insert");
                assertFalse(filter.matches(modify(item(own), item(own))), own + " modify");
                assertFalse(filter.matches(remove(item(own))), own + " remove");
                assertFalse(filter.matches(ttlRemove(item(own))), own + " TTL delete");
            }
        }
    }

    @Test
    void recordsOfItemsNobodyAggregatesAreDropped() {
        assertFalse(RECORDS.matches(insert(item(IdempotencyKeys.ENTITY))));
        assertFalse(RECORDS.matches(insert(item("adminLock"))));
        // Profiles reach the records consumer: a replaced or erased avatar's file is deleted there.
        assertTrue(RECORDS.matches(remove(item(UserKeys.ENTITY))));
        assertFalse(RECORDS.matches(insert(JSON.objectNode().set("PK", JSON.objectNode().put("S", "untagged")))));
    }

    @Test
    void everyKeyOfAPatternMustMatchAndAnyListedValueWill() {
        FilterCriteria criteria = FilterCriteria.of(List.of("{\"eventName\":[\"INSERT\",\"MODIFY\"],\"dynamodb\":{\"NewImage\":{\"entity\":{\"S\":[\"review\"]}}}}"));
        assertTrue(criteria.matches(insert(item(ReviewKeys.ENTITY))));
        assertTrue(criteria.matches(modify(item(ReviewKeys.ENTITY), item(ReviewKeys.ENTITY))));
        assertFalse(criteria.matches(insert(item(CourseKeys.ENTITY))), "eventName matches, the entity does not");
        assertFalse(criteria.matches(remove(item(ReviewKeys.ENTITY))), "no NewImage on a REMOVE");
        assertFalse(criteria.matches(insert(item(ReviewKeys.ENTITY).set("entity", JSON.objectNode().put("N", "1")))),
                "a number where a string is expected");
    }

    @Test
    void patternsLocalMatchingCannotEvaluateFaithfullyAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> FilterCriteria.of(List.of("{\"dynamodb\":{\"NewImage\":{\"entity\":{\"S\":[{\"prefix\":\"cou\"}]}}}}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("{\"eventName\":\"INSERT\"}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("{\"eventName\":[]}")));
        assertThrows(IllegalArgumentException.class, () -> FilterCriteria.of(List.of("not json")));
    }

    private static ObjectNode item(String entity) {
        ObjectNode item = JSON.objectNode();
        item.set("PK", JSON.objectNode().put("S", entity + "#1"));
        item.set("SK", JSON.objectNode().put("S", entity));
        item.set("entity", JSON.objectNode().put("S", entity));
        return item;
    }

    private static ObjectNode keys(ObjectNode item) {
        ObjectNode keys = JSON.objectNode();
        keys.set("PK", item.get("PK"));
        if (item.has("SK")) {
            keys.set("SK", item.get("SK"));
        }
        return keys;
    }

    private static ObjectNode insert(ObjectNode item) {
        return StreamRecords.change("t", StreamRecords.FIRST_SEQUENCE, keys(item), null, item);
    }

    private static ObjectNode modify(ObjectNode before, ObjectNode after) {
        return StreamRecords.change("t", StreamRecords.FIRST_SEQUENCE.add(BigInteger.ONE), keys(after), before, after);
    }

    private static ObjectNode remove(ObjectNode item) {
        return StreamRecords.change("t", StreamRecords.FIRST_SEQUENCE.add(BigInteger.TWO), keys(item), item, null);
    }

    /** A delete by TTL: a REMOVE that DynamoDB itself made, as its userIdentity says. */
    private static ObjectNode ttlRemove(ObjectNode item) {
        ObjectNode record = remove(item);
        record.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        return record;
    }
}
