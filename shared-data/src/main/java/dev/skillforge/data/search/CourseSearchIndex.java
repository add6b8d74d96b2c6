package dev.skillforge.data.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Keeps the search entries of a course in step with the course: only published courses have entries,
 * and every edit, publish, unpublish or delete rewrites exactly the entries that changed. Search results
 * are always re-checked against the course items, so an entry left behind by a failed write can cost a
 * hit but can never show a course that is not published.
 */
@Singleton
public class CourseSearchIndex {

    static final int SCHEMA_VERSION = 1;

    private final SkillForgeTable table;

    @Inject
    public CourseSearchIndex(SkillForgeTable table) {
        this.table = table;
    }

    /** Moves the index from what {@code before} needed to what {@code after} needs; either may be null. */
    public void sync(Course before, Course after) {
        Map<String, Integer> old = before != null && before.isPublished() ? SearchTerms.of(before) : Map.of();
        Map<String, Integer> now = after != null && after.isPublished() ? SearchTerms.of(after) : Map.of();
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        now.forEach((term, weight) -> {
            boolean unchanged = weight.equals(old.get(term)) && before.publishedAt().equals(after.publishedAt());
            if (!unchanged) {
                puts.add(entry(term, after.courseId(), weight, after.publishedAt()));
            }
        });
        List<Key> deletes = old.keySet().stream()
                .filter(term -> !now.containsKey(term))
                .map(term -> SearchKeys.primary(term, before.courseId()))
                .toList();
        table.batchWrite(puts, deletes);
    }

    /** Entries whose term starts with {@code prefix} (at least two characters), up to {@code cap}. */
    public List<SearchHit> startingWith(String prefix, int cap) {
        return table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(SearchKeys.partition(prefix)),
                                ":prefix", AttributeValue.fromS(prefix))), cap)
                .stream()
                .map(item -> new SearchHit(Items.string(item, "term"), Items.string(item, "courseId"),
                        (int) Items.number(item, "weight", 1), Items.instant(item, "publishedAt")))
                .toList();
    }

    private static Map<String, AttributeValue> entry(String term, String courseId, int weight, Instant publishedAt) {
        return ItemWriter.of(SearchKeys.primary(term, courseId), SearchKeys.ENTITY, SCHEMA_VERSION)
                .put("term", term)
                .put("courseId", courseId)
                .put("weight", weight)
                .put("publishedAt", publishedAt)
                .build();
    }
}
