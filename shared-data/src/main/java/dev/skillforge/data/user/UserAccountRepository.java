package dev.skillforge.data.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.problem.ApiProblem;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** User accounts ({@link UserKeys#ACCOUNT_BY_ID}) and the admin-change lock ({@link UserKeys#ADMIN_LOCK}). */
@Singleton
public class UserAccountRepository {

    /** Longer than any function runs (the HTTP functions time out after 15 s): a holder that died frees it by then. */
    static final Duration LOCK_LEASE = Duration.ofSeconds(30);

    private final SkillForgeTable table;

    @Inject
    public UserAccountRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** The account as of now (strongly consistent): for writes and admin changes. */
    public UserAccount current(String userId) {
        return table.get(UserKeys.account(userId)).map(UserAccountCodec::fromItem).orElse(UserAccount.unrestricted(userId));
    }

    /** The account as an eventually consistent read gives it (half the units): for reads, which may lag a moment. */
    public UserAccount recent(String userId) {
        return table.getEventually(UserKeys.account(userId)).map(UserAccountCodec::fromItem).orElse(UserAccount.unrestricted(userId));
    }

    /**
     * Stores the next state of an account read at {@code next.version() - 1}: only if nobody changed it since (a first
     * item only if there is none). False when another change came first: read again and decide again.
     */
    public boolean saveIfUnchanged(UserAccount next) {
        Map<String, AttributeValue> item = UserAccountCodec.toItem(next);
        long expected = next.version() - 1;
        if (expected == 0) {
            return table.putIfAbsent(item);
        }
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item).conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(expected)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Takes the admin-change lock for {@code LOCK_LEASE}: a conditional put that wins when no one holds it or its lease ran
     * out. The returned token releases it. Busy: a 409 the caller may retry.
     */
    public String lockAdminChanges(Instant now) {
        String holder = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new java.util.HashMap<>(UserKeys.ADMIN_CHANGE_LOCK.toAttributes());
        item.put("entity", AttributeValue.fromS("adminLock"));
        item.put("holder", AttributeValue.fromS(holder));
        item.put("leaseUntil", AttributeValue.fromN(Long.toString(now.plus(LOCK_LEASE).toEpochMilli())));
        // Expires by TTL a day later in case a release never comes (the lease already freed it).
        item.put(TableDesign.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(now.plus(Duration.ofDays(1)).getEpochSecond())));
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(PK) OR leaseUntil < :now")
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return holder;
        } catch (ConditionalCheckFailedException e) {
            throw new ApiProblem(409, "admin-change-in-progress", "Admin change in progress",
                    "Another change that could remove an admin is in progress: try again in a few seconds.", null, Map.of("Retry-After", "2"));
        }
    }

    /** Releases the lock if this holder still has it (a lease that ran out may have passed to someone else). */
    public void unlockAdminChanges(String holder) {
        try {
            table.client().deleteItem(b -> b.tableName(table.name()).key(UserKeys.ADMIN_CHANGE_LOCK.toAttributes())
                    .conditionExpression("holder = :holder").expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder))));
        } catch (ConditionalCheckFailedException e) {
            // Someone else holds it now: theirs to release.
        }
    }

    public Optional<UserAccount> find(String userId) {
        return table.get(UserKeys.account(userId)).map(UserAccountCodec::fromItem);
    }
}
