package dev.skillforge.data.user;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.table.TableDesign;

/** A user's partition holds the profile, enrollments and progress (the seed's layout). */
public final class UserKeys {

    public static final String ENTITY = "user";
    public static final String PARTITION_PREFIX = "user#";
    public static final String PROFILE = "profile";
    public static final String ACCOUNT = "account";
    public static final String ACCOUNT_ENTITY = "userAccount";
    /** The one item that serialises changes which could leave the platform without an enabled admin. */
    static final Key ADMIN_CHANGE_LOCK = new Key("users#admins", "lock");

    public static final AccessPattern PROFILE_BY_ID = new AccessPattern(ENTITY, "a user's profile", "GetItem", AccessPattern.TABLE,
            "PK = user#<userId> AND SK = profile", "GET/PUT /me (created on first use, conditional put); BatchGetItem for GET /courses/{courseId}/enrollments");
    public static final AccessPattern BY_ROLE = new AccessPattern(ENTITY, "users with a role, ordered by email", "Query",
            TableDesign.GSI1.name(), "GSI1PK = users#role#<role> (GSI1SK = <email>#<userId>)", "GET /admin/users?role=");

    public static final AccessPattern ACCOUNT_BY_ID = new AccessPattern(ACCOUNT_ENTITY, "whether a user's tokens are honoured",
            "GetItem", AccessPattern.TABLE, "PK = user#<userId> AND SK = account",
            "every request with a token (eventually consistent, cached briefly, for reads; strongly consistent for writes); PutItem with a version condition by the admin user routes");
    public static final AccessPattern ADMIN_LOCK = new AccessPattern(ACCOUNT_ENTITY, "the lock held while an admin may lose the admin role",
            "PutItem/DeleteItem", AccessPattern.TABLE, "PK = users#admins AND SK = lock (conditional put with a lease, conditional delete by its holder)",
            "PUT /admin/users/{userId}/role, POST /admin/users/{userId}/disable, DELETE /admin/users/{userId}, DELETE /me");

    private UserKeys() {
    }

    public static String partition(String userId) {
        return PARTITION_PREFIX + userId;
    }

    public static Key profile(String userId) {
        return new Key(partition(userId), PROFILE);
    }

    public static Key account(String userId) {
        return new Key(partition(userId), ACCOUNT);
    }

    public static IndexKey byRole(String role, String email, String userId) {
        return new IndexKey(TableDesign.GSI1, "users#role#" + role, email + "#" + userId);
    }
}
