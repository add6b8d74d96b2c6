package dev.skillforge.data.user;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/**
 * The work item of a deleted user's erasure (profile, enrollments, progress, reviews): one per user, in its own
 * partition, holding the state of the bounded steps that delete them. Each step writes it, and that write's stream record
 * starts the next step. It holds the user's pseudonymous id and counts, nothing personal.
 */
public final class ErasureJobKeys {

    public static final String ENTITY = "erasureJob";

    public static final AccessPattern OF_USER = new AccessPattern(ENTITY, "the erasure job of a deleted user", "GetItem / conditional writes",
            AccessPattern.TABLE, "PK = erasure#<userId> AND SK = job", "stream-records (each step)");
    public static final AccessPattern USER_PARTITION = new AccessPattern(ENTITY, "what a deleted user's partition still holds",
            "Query", AccessPattern.TABLE, "PK = user#<userId> (strongly consistent, a page per step)",
            "stream-records (an erasure step: the profile, enrollments and progress, and through them the courses whose review to delete)");

    private ErasureJobKeys() {
    }

    public static Key primary(String userId) {
        return new Key("erasure#" + userId, "job");
    }
}
