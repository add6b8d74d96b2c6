package dev.skillforge.data.idempotency;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemUpdate;
import dev.skillforge.data.table.SkillForgeTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Idempotency keys; each method is one access pattern from {@link IdempotencyKeys}. */
@Singleton
public class IdempotencyRepository {

    private static final Map<String, String> NAMES = Map.of("#state", IdempotencyCodec.STATE, "#lease", IdempotencyCodec.LEASE_UNTIL,
            "#expires", IdempotencyCodec.EXPIRES_AT);

    private final SkillForgeTable table;

    @Inject
    public IdempotencyRepository(SkillForgeTable table) {
        this.table = table;
    }

    /**
     * Puts the claim before the request runs; false when another request holds the key. An item past its expiry (TTL
     * deletes lazily) or a claim past its lease (its request was cut off) is taken over in the same conditional put, so
     * two retries racing for an abandoned key still get one winner.
     */
    public boolean claim(Claim claim, Instant now) {
        try {
            table.client().putItem(b -> b.tableName(table.name())
                    .item(IdempotencyCodec.toItem(claim, now))
                    .conditionExpression("attribute_not_exists(PK) OR #expires < :nowSeconds OR (#state = :inProgress AND #lease < :nowMillis)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds", AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                            ":nowMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":inProgress", AttributeValue.fromS(IdempotencyCodec.IN_PROGRESS))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    /** Strongly consistent: a stale read here could miss the claim or the answer and run the request a second time. */
    public Optional<IdempotencyRecord> find(String callerId, String key) {
        return table.get(IdempotencyKeys.primary(callerId, key)).map(item -> IdempotencyCodec.fromItem(item, callerId, key));
    }

    /** Stores the answer, only while the claim is still this request's own; false if it was taken over meanwhile. */
    public boolean complete(Claim claim, StoredResponse response, Instant now) {
        ItemUpdate update = ItemUpdate.of(IdempotencyCodec.completion(response, now), IdempotencyCodec.COMPLETION)
                .withCondition(Map.of("#cclaim", IdempotencyCodec.CLAIM_ID), Map.of(":cclaim", AttributeValue.fromS(claim.claimId())));
        try {
            table.client().updateItem(b -> b.tableName(table.name())
                    .key(IdempotencyKeys.primary(claim.callerId(), claim.key()).toAttributes())
                    .updateExpression(update.updateExpression())
                    .conditionExpression("#cclaim = :cclaim")
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException takenOver) {
            return false;
        }
    }

    /** Deletes the claim so a retry runs the request again; a successor's claim (another claim id) is left alone. */
    public void release(Claim claim) {
        try {
            table.client().deleteItem(b -> b.tableName(table.name())
                    .key(IdempotencyKeys.primary(claim.callerId(), claim.key()).toAttributes())
                    .conditionExpression("#cclaim = :cclaim")
                    .expressionAttributeNames(Map.of("#cclaim", IdempotencyCodec.CLAIM_ID))
                    .expressionAttributeValues(Map.of(":cclaim", AttributeValue.fromS(claim.claimId()))));
        } catch (ConditionalCheckFailedException notOurs) {
            // already taken over by a retry after the lease: that request owns the key now
        }
    }
}
