package dev.skillforge.data.progress;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.user.UserKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Lesson progress. Every write is one UpdateItem that is safe to repeat: completion keeps its first time
 * (if_not_exists), attempts are counted with ADD, and the best score only ever rises (a conditional SET).
 */
@Singleton
public class ProgressRepository {

    static final int SCHEMA_VERSION = 1;
    /** A user's progress in one course is read whole; courses cap lessons well below this. */
    private static final int MAX_LESSONS = 1000;

    private final SkillForgeTable table;

    @Inject
    public ProgressRepository(SkillForgeTable table) {
        this.table = table;
    }

    public List<LessonProgress> ofCourse(String userId, String courseId) {
        return table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(UserKeys.partition(userId)),
                                ":prefix", AttributeValue.fromS(ProgressKeys.coursePrefix(courseId))))
                        .consistentRead(true), MAX_LESSONS)
                .stream().map(ProgressRepository::fromItem).toList();
    }

    /** Marks a lesson complete; repeating it changes only the last-activity time. */
    public void markComplete(String userId, String courseId, String lessonId, Instant now) {
        Update update = new Update(userId, courseId, lessonId, now);
        update.set("completedAt = if_not_exists(completedAt, :now)");
        update.apply();
    }

    /** Counts a graded attempt; a passing one also completes the lesson. Then raises the best score if beaten. */
    public void recordQuizAttempt(String userId, String courseId, String lessonId, int score, boolean passed, Instant now) {
        Update update = new Update(userId, courseId, lessonId, now);
        update.values.put(":score", AttributeValue.fromN(Integer.toString(score)));
        update.values.put(":one", AttributeValue.fromN("1"));
        update.set("lastScore = :score").set("lastAttemptAt = :now").add("quizAttempts :one");
        if (passed) {
            update.values.put(":true", AttributeValue.fromBool(true));
            update.set("quizPassed = :true")
                    .set("quizPassedAt = if_not_exists(quizPassedAt, :now)")
                    .set("completedAt = if_not_exists(completedAt, :now)");
        }
        update.apply();
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(ProgressKeys.primary(userId, courseId, lessonId).toAttributes())
                    .updateExpression("SET bestScore = :score")
                    .conditionExpression("attribute_not_exists(bestScore) OR bestScore < :score")
                    .expressionAttributeValues(Map.of(":score", AttributeValue.fromN(Integer.toString(score)))));
        } catch (ConditionalCheckFailedException notBetter) {
            // an earlier attempt scored at least as well: the best score stays
        }
    }

    static LessonProgress fromItem(Map<String, AttributeValue> item) {
        return new LessonProgress(
                Items.string(item, "userId"),
                Items.string(item, "courseId"),
                Items.string(item, "lessonId"),
                Items.instant(item, "completedAt"),
                (int) Items.number(item, "quizAttempts", 0),
                Items.integer(item, "lastScore"),
                Items.integer(item, "bestScore"),
                Items.bool(item, "quizPassed"),
                Items.instant(item, "lastActivityAt"));
    }

    /** One UpdateItem on a progress item that also (re)states its identity and audit attributes. */
    private final class Update {
        private final Key key;
        private final StringBuilder set = new StringBuilder();
        private final StringBuilder add = new StringBuilder();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        Update(String userId, String courseId, String lessonId, Instant now) {
            key = ProgressKeys.primary(userId, courseId, lessonId);
            names.put("#entity", ItemWriter.ENTITY);
            names.put("#schemaVersion", ItemWriter.SCHEMA_VERSION);
            names.put("#createdAt", ItemWriter.CREATED_AT);
            names.put("#updatedAt", ItemWriter.UPDATED_AT);
            names.put("#updatedBy", ItemWriter.UPDATED_BY);
            values.put(":entity", AttributeValue.fromS(ProgressKeys.ENTITY));
            values.put(":schema", AttributeValue.fromN(Integer.toString(SCHEMA_VERSION)));
            values.put(":user", AttributeValue.fromS(userId));
            values.put(":course", AttributeValue.fromS(courseId));
            values.put(":lesson", AttributeValue.fromS(lessonId));
            values.put(":now", AttributeValue.fromS(Timestamps.sortable(now)));
            String correlationId = ItemWriter.currentCorrelationId();
            if (correlationId != null) {
                names.put("#correlationId", ItemWriter.CORRELATION_ID);
                values.put(":correlationId", AttributeValue.fromS(correlationId));
                set("#correlationId = :correlationId");
            }
            set("#entity = :entity").set("#schemaVersion = :schema").set("userId = :user").set("courseId = :course")
                    .set("lessonId = :lesson").set("lastActivityAt = :now").set("#createdAt = if_not_exists(#createdAt, :now)")
                    .set("#updatedAt = :now").set("#updatedBy = :user");
        }

        Update set(String clause) {
            set.append(set.isEmpty() ? "SET " : ", ").append(clause);
            return this;
        }

        Update add(String clause) {
            add.append(add.isEmpty() ? " ADD " : ", ").append(clause);
            return this;
        }

        void apply() {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(key.toAttributes())
                    .updateExpression(set.toString() + add)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
        }
    }
}
