package dev.skillforge.data.review;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.enrollment.EnrollmentKeys;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reviews; each method is one access pattern from {@link ReviewKeys}. */
@Singleton
public class ReviewRepository {

    private final SkillForgeTable table;

    @Inject
    public ReviewRepository(SkillForgeTable table) {
        this.table = table;
    }

    public Optional<Review> find(String courseId, String userId) {
        return table.get(ReviewKeys.primary(courseId, userId)).map(ReviewCodec::fromItem);
    }

    /** What became of a new review. */
    public enum Creation { CREATED, ALREADY_REVIEWED, NOT_ENROLLED }

    /**
     * The key is course + author, so a second review by the same user never overwrites the first. The author's
     * enrollment is checked in the same transaction: a review never lands after its author unenrolled, whatever the
     * interleaving (the enrollment is in the author's own partition, so no other learner's review waits on it).
     */
    public Creation createIfAbsent(Review review) {
        Map<String, AttributeValue> item = ReviewCodec.toItem(review);
        try {
            table.client().transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(item)
                            .conditionExpression("attribute_not_exists(PK)")).build(),
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name())
                            .key(EnrollmentKeys.primary(review.userId(), review.courseId()).toAttributes())
                            .conditionExpression("attribute_exists(PK)")).build()));
            return Creation.CREATED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return Creation.ALREADY_REVIEWED;
            }
            if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                return Creation.NOT_ENROLLED;
            }
            throw e;
        }
    }

    public Review update(Review next, long expectedVersion) {
        table.updateVersioned(ReviewKeys.primary(next.courseId(), next.userId()), ReviewCodec.toItem(next), ReviewCodec.OWNED,
                expectedVersion, "review");
        return next;
    }

    public void delete(String courseId, String userId, long expectedVersion, String actor) {
        table.deleteVersioned(ReviewKeys.primary(courseId, userId), expectedVersion, "review", actor);
    }

    public Page<Review> newestFirst(String courseId, PageRequest page) {
        return table.partitionPage(TableDesign.GSI1, ReviewKeys.newestFirst(courseId, java.time.Instant.EPOCH, "").pk(), true, page).map(ReviewCodec::fromItem);
    }
}
