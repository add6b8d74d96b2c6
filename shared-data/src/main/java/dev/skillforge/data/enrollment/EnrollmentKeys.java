package dev.skillforge.data.enrollment;

import java.time.Instant;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;
import dev.skillforge.data.user.UserKeys;

/** The seed's enrollment key: user#<id> / enroll#<courseId>, so "one enrollment per user and course" is the key itself. */
public final class EnrollmentKeys {

    public static final String ENTITY = "enrollment";
    public static final String SORT_PREFIX = "enroll#";

    public static final AccessPattern GET = new AccessPattern(ENTITY, "is this user enrolled in this course", "GetItem",
            AccessPattern.TABLE, "PK = user#<userId> AND SK = enroll#<courseId>",
            "lesson content gating; POST /enroll (put if absent), DELETE /enroll (delete if present); GET /me/enrollments/{courseId}; completion (update if not completed); progress-service");
    public static final AccessPattern OF_USER = new AccessPattern(ENTITY, "a user's enrollments", "Query", AccessPattern.TABLE,
            "PK = user#<userId> AND begins_with(SK, enroll#)", "GET /me/enrollments");
    public static final AccessPattern OF_COURSE = new AccessPattern(ENTITY, "who is enrolled in a course, newest first", "Query",
            TableDesign.GSI1.name(), "GSI1PK = course#<courseId>#enrollments, ScanIndexForward=false (GSI1SK = <enrolledAt>#<userId>)",
            "GET /courses/{courseId}/enrollments; stream-records (course cascade, from a checkpoint); aggregate rebuild");

    private EnrollmentKeys() {
    }

    public static Key primary(String userId, String courseId) {
        return new Key(UserKeys.partition(userId), SORT_PREFIX + courseId);
    }

    public static IndexKey ofCourse(String courseId, Instant enrolledAt, String userId) {
        return new IndexKey(TableDesign.GSI1, coursePartition(courseId), Timestamps.sortable(enrolledAt) + "#" + userId);
    }

    public static String coursePartition(String courseId) {
        return "course#" + courseId + "#enrollments";
    }
}
