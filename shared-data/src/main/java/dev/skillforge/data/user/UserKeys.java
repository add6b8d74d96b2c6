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

    public static final AccessPattern PROFILE_BY_ID = new AccessPattern(ENTITY, "a user's profile", "GetItem", AccessPattern.TABLE,
            "PK = user#<userId> AND SK = profile", "GET/PUT /me (created on first use, conditional put); BatchGetItem for GET /courses/{id}/enrollments");
    public static final AccessPattern BY_ROLE = new AccessPattern(ENTITY, "users with a role, ordered by email", "Query",
            TableDesign.GSI1.name(), "GSI1PK = users#role#<role> (GSI1SK = <email>#<userId>)", "GET /admin/users?role=");

    private UserKeys() {
    }

    public static String partition(String userId) {
        return PARTITION_PREFIX + userId;
    }

    public static Key profile(String userId) {
        return new Key(partition(userId), PROFILE);
    }

    public static IndexKey byRole(String role, String email, String userId) {
        return new IndexKey(TableDesign.GSI1, "users#role#" + role, email + "#" + userId);
    }
}
