package dev.skillforge.data.user;

import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** UserAccount <-> item. Holds no personal data: the user's id (the pool's pseudonymous sub), state, role, times. */
public final class UserAccountCodec {

    public static final int SCHEMA_VERSION = 1;
    static final String STATE = "state";
    static final String TOKENS_VALID_AFTER = "tokensValidAfter";

    private UserAccountCodec() {
    }

    public static Map<String, AttributeValue> toItem(UserAccount account) {
        ItemWriter item = ItemWriter.of(UserKeys.account(account.userId()), UserKeys.ACCOUNT_ENTITY, SCHEMA_VERSION)
                .put("userId", account.userId())
                .put(STATE, account.state().value())
                .put("role", account.role())
                .put(TOKENS_VALID_AFTER, account.tokensValidAfter())
                .put(ItemWriter.VERSION, account.version())
                .audited(account.updatedAt(), account.updatedAt(), account.updatedBy());
        if (account.expiresAt() != null) {
            item.put(TableDesign.TTL_ATTRIBUTE, account.expiresAt().getEpochSecond());
        }
        return item.build();
    }

    public static UserAccount fromItem(Map<String, AttributeValue> item) {
        return new UserAccount(
                Items.string(item, "userId"),
                UserAccount.State.of(Items.string(item, STATE)),
                Items.string(item, "role"),
                Items.instant(item, TOKENS_VALID_AFTER),
                Items.number(item, ItemWriter.VERSION, 0),
                Items.instant(item, ItemWriter.UPDATED_AT),
                Items.string(item, ItemWriter.UPDATED_BY));
    }
}
