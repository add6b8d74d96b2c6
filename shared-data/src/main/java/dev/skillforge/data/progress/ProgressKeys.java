package dev.skillforge.data.progress;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.user.UserKeys;

/** Lesson progress: user#<id> / progress#<courseId>#<lessonId>, one item per lesson touched. */
public final class ProgressKeys {

    public static final String ENTITY = "progress";
    public static final String SORT_PREFIX = "progress#";

    public static final AccessPattern OF_LESSON = new AccessPattern(ENTITY, "a user's progress on one lesson", "GetItem",
            AccessPattern.TABLE, "PK = user#<userId> AND SK = progress#<courseId>#<lessonId>",
            "PUT /progress/{courseId}/{lessonId} and quiz submission (UpdateItem: if_not_exists, ADD, conditional best score)");
    public static final AccessPattern OF_COURSE = new AccessPattern(ENTITY, "a user's progress in one course", "Query",
            AccessPattern.TABLE, "PK = user#<userId> AND begins_with(SK, progress#<courseId>#)", "GET /me/progress/{courseId} and after every progress write");

    private ProgressKeys() {
    }

    public static Key primary(String userId, String courseId, String lessonId) {
        return new Key(UserKeys.partition(userId), coursePrefix(courseId) + lessonId);
    }

    public static String coursePrefix(String courseId) {
        return SORT_PREFIX + courseId + "#";
    }
}
