package dev.skillforge.data.user;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** UserProfile <-> item; the item carries the users-by-role GSI1 key (email lower-cased for ordering). */
public final class UserProfileCodec {

    public static final int SCHEMA_VERSION = 1;
    /** When the profile took its place in the users-by-role list (absent on profiles written before: their creation). */
    public static final String LISTED_AT = "listedAt";
    /** Present (true) only on the profile of a disabled account. */
    public static final String DISABLED = "disabled";
    /** The profile picture's object key (absent without one). */
    public static final String AVATAR_KEY = "avatarKey";

    static final Set<String> OWNED = new LinkedHashSet<>(List.of(ItemWriter.ENTITY, ItemWriter.SCHEMA_VERSION, "userId", "email",
            "name", "role", "bio", UserProfileCodec.LISTED_AT, UserProfileCodec.DISABLED, UserProfileCodec.AVATAR_KEY, ItemWriter.VERSION, ItemWriter.CREATED_AT, ItemWriter.UPDATED_AT, ItemWriter.UPDATED_BY, ItemWriter.CORRELATION_ID,
            TableDesign.GSI1.partitionKey(), TableDesign.GSI1.sortKey()));

    private UserProfileCodec() {
    }

    public static Map<String, AttributeValue> toItem(UserProfile profile) {
        ItemWriter item = ItemWriter.of(UserKeys.profile(profile.userId()), UserKeys.ENTITY, SCHEMA_VERSION)
                .put("userId", profile.userId())
                .put("email", profile.email())
                .put("name", profile.name())
                .put("role", profile.role())
                .put("bio", profile.bio())
                .put(AVATAR_KEY, profile.avatarKey())
                .put(LISTED_AT, profile.listedAt())
                .put(ItemWriter.VERSION, profile.version())
                .audited(profile.createdAt(), profile.updatedAt(), profile.updatedBy())
                .index(UserKeys.byRole(profile.role(), UserProfile.sortableEmail(profile.email()), profile.userId()));
        if (profile.disabled()) {
            item.put(DISABLED, true);
        }
        return item.build();
    }

    public static UserProfile fromItem(Map<String, AttributeValue> item) {
        return new UserProfile(
                Items.string(item, "userId"),
                Items.string(item, "email"),
                Items.string(item, "name"),
                Items.string(item, "role"),
                Items.string(item, "bio"),
                Items.number(item, ItemWriter.VERSION, 0),
                Items.instant(item, ItemWriter.CREATED_AT),
                Items.instant(item, ItemWriter.UPDATED_AT),
                Items.string(item, ItemWriter.UPDATED_BY),
                Items.instant(item, LISTED_AT) != null ? Items.instant(item, LISTED_AT) : Items.instant(item, ItemWriter.CREATED_AT),
                Items.bool(item, DISABLED),
                Items.string(item, AVATAR_KEY));
    }
}
