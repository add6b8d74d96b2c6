package dev.skillforge.data.lesson;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
        return table.get(LessonKeys.primary(courseId, lessonId)).map(LessonCodec::fromItem);
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
        table.create(LessonCodec.toItem(lesson), "A lesson with this id already exists.");
    }

    /** Optimistic update: written only while the stored version is {@code expectedVersion}. */
    public Lesson update(Lesson next, long expectedVersion) {
        table.updateVersioned(LessonKeys.primary(next.courseId(), next.lessonId()), LessonCodec.toItem(next), LessonCodec.OWNED,
                expectedVersion, "lesson");
        return next;
    }

    public void delete(String courseId, String lessonId, long expectedVersion, String actor) {
        table.deleteVersioned(LessonKeys.primary(courseId, lessonId), expectedVersion, "lesson", actor);
    }
}
