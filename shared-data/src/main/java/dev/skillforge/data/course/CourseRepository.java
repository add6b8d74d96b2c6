package dev.skillforge.data.course;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemUpdate;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Courses in the table; each method is one access pattern from {@link CourseKeys}. */
@Singleton
public class CourseRepository {

    private static final int MAX_ITEMS_PER_COURSE_DELETE = 100_000;

    private final SkillForgeTable table;

    @Inject
    public CourseRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Course> find(String courseId) {
        GetItemResponse response = table.client().getItem(b -> b.tableName(table.name())
                .key(CourseKeys.primary(courseId).toAttributes())
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(CourseCodec.fromItem(response.item()))
                : Optional.empty();
    }

    public void create(Course course) {
        try {
            table.client().putItem(b -> b.tableName(table.name())
                    .item(CourseCodec.toItem(course))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            throw Conflict.alreadyExists("A course with this id already exists.");
        }
    }

    /**
     * Writes {@code next} only if the stored version is still {@code expectedVersion} (optimistic concurrency).
     * One UpdateItem sets the course's own attributes and removes the absent ones, GSI keys included.
     */
    public Course update(Course next, long expectedVersion) {
        ItemUpdate update = ItemUpdate.of(CourseCodec.toItem(next), CourseCodec.OWNED)
                .withCondition(Map.of("#cversion", CourseCodec.VERSION),
                        Map.of(":cversion", AttributeValue.fromN(Long.toString(expectedVersion))));
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(CourseKeys.primary(next.courseId()).toAttributes())
                    .updateExpression(update.updateExpression())
                    .conditionExpression("attribute_exists(PK) AND #cversion = :cversion")
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return next;
        } catch (ConditionalCheckFailedException e) {
            Course current = find(next.courseId()).orElseThrow(() -> new NotFound("No course with this id."));
            throw new StaleVersion(expectedVersion, current.version());
        }
    }

    /** Deletes the course item if it still has {@code expectedVersion}; from then on the course is unreachable. */
    public void delete(String courseId, long expectedVersion) {
        try {
            table.client().deleteItem(b -> b.tableName(table.name())
                    .key(CourseKeys.primary(courseId).toAttributes())
                    .conditionExpression("attribute_exists(PK) AND #version = :version")
                    .expressionAttributeNames(Map.of("#version", CourseCodec.VERSION))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(expectedVersion)))));
        } catch (ConditionalCheckFailedException e) {
            Course current = find(courseId).orElseThrow(() -> new NotFound("No course with this id."));
            throw new StaleVersion(expectedVersion, current.version());
        }
    }

    /** Removes everything left in the course's partition (lessons, reviews, stats) after the course item went. */
    public int deleteRemainingItems(String courseId) {
        List<Key> keys = table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseKeys.partition(courseId))))
                        .projectionExpression("PK, SK"), MAX_ITEMS_PER_COURSE_DELETE)
                .stream().map(Key::of).toList();
        table.batchWrite(List.of(), keys);
        return keys.size();
    }

    public Page<Course> listPublishedNewestFirst(PageRequest page) {
        QueryRequest.Builder query = QueryRequest.builder()
                .indexName(TableDesign.GSI1.name())
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseKeys.PUBLISHED_PARTITION)))
                .scanIndexForward(false);
        return table.queryPage(query, page, "courses:published").map(CourseCodec::fromItem);
    }

    public Page<Course> listPublishedInCategory(String category, PageRequest page) {
        QueryRequest.Builder query = QueryRequest.builder()
                .indexName(TableDesign.GSI2.name())
                .keyConditionExpression("GSI2PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CourseKeys.CATEGORY_PARTITION_PREFIX + category)))
                .scanIndexForward(false);
        return table.queryPage(query, page, "courses:category:" + category).map(CourseCodec::fromItem);
    }

    /** Several courses in one BatchGetItem; missing ids are simply absent from the map. */
    public Map<String, Course> findMany(Collection<String> courseIds) {
        Map<String, Course> found = new LinkedHashMap<>();
        table.batchGet(courseIds.stream().distinct().map(CourseKeys::primary).toList()).stream()
                .map(CourseCodec::fromItem)
                .forEach(course -> found.put(course.courseId(), course));
        return found;
    }
}
