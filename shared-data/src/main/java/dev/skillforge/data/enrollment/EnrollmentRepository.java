package dev.skillforge.data.enrollment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.UserKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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

    /** The seed's conditional put: a second enrollment is refused, never an overwrite of the first (or its completion). */
    public void create(Enrollment enrollment) {
        table.create(EnrollmentCodec.toItem(enrollment), "Already enrolled in this course.");
    }

    /** The course was not published (or no longer existed) when the enrollment was to be written. */
    public static final class CourseNotOpen extends RuntimeException {
        public CourseNotOpen() {
            super("course not open for enrollment", null, false, false);
        }
    }

    /**
     * Enrolls only while the course exists and is published, decided by the write: one transaction of a condition check on
     * the course item and the enrollment's put-if-absent. So no enrollment can be written after the course's delete (the
     * course cascade, which deletes its enrollments, could otherwise miss one written in the same moment).
     */
    public void createWhilePublished(Enrollment enrollment) {
        try {
            table.client().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(check -> check.tableName(table.name())
                            .key(CourseKeys.primary(enrollment.courseId()).toAttributes())
                            .conditionExpression("attribute_exists(PK) AND #status = :published")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(Map.of(":published", AttributeValue.fromS(CourseStatus.PUBLISHED.value())))).build(),
                    TransactWriteItem.builder().put(put -> put.tableName(table.name())
                            .item(EnrollmentCodec.toItem(enrollment))
                            .conditionExpression("attribute_not_exists(PK)")).build()));
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw Conflict.alreadyExists("Already enrolled in this course.");
            }
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new CourseNotOpen();
            }
            throw cancelled;
        }
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
