package dev.skillforge.data.progress;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.user.UserKeys;

/**
 * A learner's progress in a course: user#<id> / progress#<courseId>#, one item. Per-lesson items stored before it
 * (progress#<courseId>#<lessonId>) share the prefix, so a course's cascade removes both with one begins_with Query.
 */
public final class ProgressKeys {

    public static final String ENTITY = "progress";
    public static final String SORT_PREFIX = "progress#";

    public static final AccessPattern OF_COURSE = new AccessPattern(ENTITY, "a learner's progress in one course (one item)", "GetItem",
            AccessPattern.TABLE, "PK = user#<userId> AND SK = progress#<courseId>#",
            "GET /me/progress/{courseId} (strongly consistent: the learner's own writes); PUT /progress/{courseId}/{lessonId} and quiz "
                    + "submission (UpdateItem on `enrolled = true`, ReturnValues ALL_NEW: no read); enroll and unenroll (in their transaction)");
    public static final AccessPattern LEGACY_OF_COURSE = new AccessPattern(ENTITY, "per-lesson progress items stored before the one item",
            "Query", AccessPattern.TABLE, "PK = user#<userId> AND begins_with(SK, progress#<courseId>#)",
            "folded into the one item at an enrolled learner's first progress request without it; the course cascade's deletes");

    private ProgressKeys() {
    }

    public static Key primary(String userId, String courseId) {
        return new Key(UserKeys.partition(userId), coursePrefix(courseId));
    }

    public static Key legacyLesson(String userId, String courseId, String lessonId) {
        return new Key(UserKeys.partition(userId), coursePrefix(courseId) + lessonId);
    }

    public static String coursePrefix(String courseId) {
        return SORT_PREFIX + courseId + "#";
    }
}
