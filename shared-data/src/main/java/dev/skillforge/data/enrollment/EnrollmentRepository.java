package dev.skillforge.data.enrollment;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.UserKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Enrollments; each method is one access pattern from {@link EnrollmentKeys}. */
@Singleton
public class EnrollmentRepository {

    private final SkillForgeTable table;

    @Inject
    public EnrollmentRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Enrollment> find(String userId, String courseId) {
        return table.get(EnrollmentKeys.primary(userId, courseId)).map(EnrollmentCodec::fromItem);
    }

    public boolean isEnrolled(String userId, String courseId) {
        return find(userId, courseId).isPresent();
    }

    /**
     * The seed's conditional put: a second enrollment never overwrites the first (or its completion). False when the user
     * was already enrolled.
     */
    public boolean createIfAbsent(Enrollment enrollment) {
        return table.putIfAbsent(EnrollmentCodec.toItem(enrollment));
    }

    public void delete(String userId, String courseId, String actor) {
        table.deleteExisting(EnrollmentKeys.primary(userId, courseId), "enrollment", actor);
    }

    /**
     * Records the completion once: the condition keeps the first completion time, so a lesson added later
     * (or a replayed request) never erases or moves a completion already earned. True if this call recorded it.
     */
    public boolean markCompleted(String userId, String courseId, Instant at) {
        Map<String, String> names = new java.util.HashMap<>(Map.of("#updatedAt", ItemWriter.UPDATED_AT, "#updatedBy", ItemWriter.UPDATED_BY));
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":at", AttributeValue.fromS(Timestamps.sortable(at)),
                ":by", AttributeValue.fromS(userId)));
        String update = "SET completedAt = :at, #updatedAt = :at, #updatedBy = :by";
        String correlationId = ItemWriter.currentCorrelationId();
        if (correlationId != null) {
            names.put("#correlationId", ItemWriter.CORRELATION_ID);
            values.put(":cid", AttributeValue.fromS(correlationId));
            update += ", #correlationId = :cid";
        }
        String expression = update;
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(EnrollmentKeys.primary(userId, courseId).toAttributes())
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(PK) AND attribute_not_exists(completedAt)")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * A user's enrollments (their partition, enroll# items). Strongly consistent: the learner reads their own writes
     * (a course they enrolled in a moment ago is listed).
     */
    public Page<Enrollment> listOfUser(String userId, PageRequest page) {
        QueryRequest.Builder query = QueryRequest.builder()
                .consistentRead(true)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(UserKeys.partition(userId)),
                        ":prefix", AttributeValue.fromS(EnrollmentKeys.SORT_PREFIX)));
        return table.queryPage(query, page, "enrollments:user:" + userId).map(EnrollmentCodec::fromItem);
    }

    /** Who is enrolled in a course, newest first (GSI1, keyed by course). */
    public Page<Enrollment> listOfCourse(String courseId, PageRequest page) {
        return table.partitionPage(TableDesign.GSI1, EnrollmentKeys.coursePartition(courseId), true, page).map(EnrollmentCodec::fromItem);
    }
}
