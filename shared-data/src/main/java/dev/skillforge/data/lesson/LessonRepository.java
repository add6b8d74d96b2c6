package dev.skillforge.data.lesson;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.ItemUpdate;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Lessons of a course; each method is one access pattern from {@link LessonKeys}. */
@Singleton
public class LessonRepository {

    /** Outlines are read whole; the service caps lessons per course well below this. */
    private static final int OUTLINE_READ_CAP = 1000;

    private static final Comparator<Lesson> OUTLINE_ORDER = Comparator.comparingInt(Lesson::position)
            .thenComparing(Lesson::createdAt)
            .thenComparing(Lesson::lessonId);

    private final SkillForgeTable table;

    @Inject
    public LessonRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** The course's lessons in outline order (position, then creation time). */
    public List<Lesson> outline(String courseId) {
        return table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(CourseKeys.partition(courseId)),
                                ":prefix", AttributeValue.fromS(LessonKeys.SORT_PREFIX)))
                        .consistentRead(true), OUTLINE_READ_CAP)
                .stream().map(LessonCodec::fromItem).sorted(OUTLINE_ORDER).toList();
    }

    public boolean hasLessons(String courseId) {
        QueryResponse response = table.client().query(b -> b.tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(CourseKeys.partition(courseId)),
                        ":prefix", AttributeValue.fromS(LessonKeys.SORT_PREFIX)))
                .projectionExpression("PK")
                .consistentRead(true)
                .limit(1));
        return response.count() > 0;
    }

    public Optional<Lesson> find(String courseId, String lessonId) {
        GetItemResponse response = table.client().getItem(b -> b.tableName(table.name())
                .key(LessonKeys.primary(courseId, lessonId).toAttributes())
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(LessonCodec.fromItem(response.item()))
                : Optional.empty();
    }

    /** The course a lesson belongs to, from the lesson id alone (GSI3, keys only). */
    public Optional<String> findCourseIdOfLesson(String lessonId) {
        QueryResponse response = table.client().query(b -> b.tableName(table.name())
                .indexName(TableDesign.GSI3.name())
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK = :sk")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(LessonKeys.byId(lessonId).pk()),
                        ":sk", AttributeValue.fromS(LessonKeys.ENTITY)))
                .limit(1));
        return response.items().stream().findFirst()
                .map(item -> item.get(TableDesign.PK).s().substring(CourseKeys.PARTITION_PREFIX.length()));
    }

    public void create(Lesson lesson) {
        try {
            table.client().putItem(b -> b.tableName(table.name())
                    .item(LessonCodec.toItem(lesson))
                    .conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            throw Conflict.alreadyExists("A lesson with this id already exists.");
        }
    }

    /** Optimistic update: written only while the stored version is {@code expectedVersion}. */
    public Lesson update(Lesson next, long expectedVersion) {
        ItemUpdate update = ItemUpdate.of(LessonCodec.toItem(next), LessonCodec.OWNED)
                .withCondition(Map.of("#cversion", LessonCodec.VERSION),
                        Map.of(":cversion", AttributeValue.fromN(Long.toString(expectedVersion))));
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(LessonKeys.primary(next.courseId(), next.lessonId()).toAttributes())
                    .updateExpression(update.updateExpression())
                    .conditionExpression("attribute_exists(PK) AND #cversion = :cversion")
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return next;
        } catch (ConditionalCheckFailedException e) {
            Lesson current = find(next.courseId(), next.lessonId()).orElseThrow(() -> new NotFound("No lesson with this id."));
            throw new StaleVersion(expectedVersion, current.version());
        }
    }

    public void delete(String courseId, String lessonId, long expectedVersion) {
        try {
            table.client().deleteItem(b -> b.tableName(table.name())
                    .key(LessonKeys.primary(courseId, lessonId).toAttributes())
                    .conditionExpression("attribute_exists(PK) AND #version = :version")
                    .expressionAttributeNames(Map.of("#version", LessonCodec.VERSION))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(expectedVersion)))));
        } catch (ConditionalCheckFailedException e) {
            Lesson current = find(courseId, lessonId).orElseThrow(() -> new NotFound("No lesson with this id."));
            throw new StaleVersion(expectedVersion, current.version());
        }
    }
}
