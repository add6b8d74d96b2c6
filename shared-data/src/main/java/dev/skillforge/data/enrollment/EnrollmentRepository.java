package dev.skillforge.data.enrollment;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.progress.ProgressRepository;
import dev.skillforge.data.table.KeyPosition;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.UserKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Enrollments; each method is one access pattern from {@link EnrollmentKeys}. */
@Singleton
public class EnrollmentRepository {

    private final SkillForgeTable table;
    private final ProgressRepository progress;

    /** For code outside CDI (tests, tools): the progress repository on the same table. */
    public EnrollmentRepository(SkillForgeTable table) {
        this(table, new ProgressRepository(table));
    }

    @Inject
    public EnrollmentRepository(SkillForgeTable table, ProgressRepository progress) {
        this.table = table;
        this.progress = progress;
    }

    public Optional<Enrollment> find(String userId, String courseId) {
        return table.get(EnrollmentKeys.primary(userId, courseId)).map(EnrollmentCodec::fromItem);
    }

    public boolean isEnrolled(String userId, String courseId) {
        return find(userId, courseId).isPresent();
    }

    /**
     * The seed's conditional put: a second enrollment never overwrites the first (or its completion). In the same
     * transaction the learner's progress item is marked enrolled (both in the learner's partition: no item another
     * learner's enrollment touches). False when the user was already enrolled.
     */
    public boolean createIfAbsent(Enrollment enrollment) {
        Map<String, AttributeValue> item = EnrollmentCodec.toItem(enrollment);
        for (int attempt = 1; ; attempt++) {
            try {
                table.client().transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item)
                                .conditionExpression("attribute_not_exists(PK)")).build(),
                        TransactWriteItem.builder().update(progress.enrolling(enrollment.userId(), enrollment.courseId(),
                                enrollment.enrolledAt())).build()));
                return true;
            } catch (TransactionCanceledException e) {
                if (failedCondition(e, 0)) {
                    return false;
                }
                // the same learner's double click, or their other request on the progress item, holds it for a moment:
                // the enrollment that won is the answer; otherwise try again
                if (!conflicted(e) || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                if (find(enrollment.userId(), enrollment.courseId()).isPresent()) {
                    return false;
                }
            }
        }
    }

    private static final int CONFLICT_ATTEMPTS = 3;

    private static boolean conflicted(TransactionCanceledException e) {
        return e.cancellationReasons().stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()));
    }

    /**
     * Deletes the enrollment and, in the same transaction, closes the learner's progress item to further writes (its
     * records stay for a later enrollment). The deleter is stamped first, as for every delete the audit log names.
     */
    public void delete(String userId, String courseId, String actor) {
        Key key = EnrollmentKeys.primary(userId, courseId);
        table.stampExisting(key, "enrollment", actor);
        try {
            table.client().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table.name()).key(key.toAttributes())
                            .conditionExpression("attribute_exists(PK)")).build(),
                    TransactWriteItem.builder().update(progress.unenrolling(userId, courseId, Timestamps.millis(Instant.now()))).build()));
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0)) {
                throw new NotFound("No enrollment with this id.");
            }
            throw e;
        }
    }

    private static boolean failedCondition(TransactionCanceledException e, int index) {
        return e.cancellationReasons().size() > index && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    /**
     * Records the completion once, on the enrollment and the learner's progress item together: the conditions keep the
     * first completion time, so a lesson added later (or a replayed request) never erases or moves a completion already
     * earned. True if this call recorded it.
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
            table.client().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table.name())
                            .key(EnrollmentKeys.primary(userId, courseId).toAttributes())
                            .updateExpression(expression)
                            .conditionExpression("attribute_exists(PK) AND attribute_not_exists(completedAt)")
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)).build(),
                    TransactWriteItem.builder().update(progress.completing(userId, courseId, at)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0) || failedCondition(e, 1)) {
                return false;
            }
            throw e;
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
        return table.queryPage(query, KeyPosition.of(null, UserKeys.partition(userId)), page, "enrollments:user:" + userId)
                .map(EnrollmentCodec::fromItem);
    }

    /** Who is enrolled in a course, newest first (GSI1, keyed by course). */
    public Page<Enrollment> listOfCourse(String courseId, PageRequest page) {
        return table.partitionPage(TableDesign.GSI1, EnrollmentKeys.coursePartition(courseId), true, page).map(EnrollmentCodec::fromItem);
    }
}
