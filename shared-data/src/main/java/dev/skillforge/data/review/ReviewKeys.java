package dev.skillforge.data.review;

import java.time.Instant;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;

/** course#<id> / review#<userId>: one review per user and course falls out of the key. */
public final class ReviewKeys {

    public static final String ENTITY = "review";
    public static final String SORT_PREFIX = "review#";

    public static final AccessPattern OF_AUTHOR = new AccessPattern(ENTITY, "one user's review of a course", "GetItem",
            AccessPattern.TABLE, "PK = course#<courseId> AND SK = review#<userId>", "POST/PUT/DELETE /reviews/{courseId}; GET /reviews/{courseId}/{userId}");
    public static final AccessPattern NEWEST_FIRST = new AccessPattern(ENTITY, "a course's reviews, newest first", "Query",
            TableDesign.GSI1.name(), "GSI1PK = course#<courseId>#reviews, ScanIndexForward=false (GSI1SK = <createdAt>#<userId>)",
            "GET /courses/{courseId}/reviews");

    private ReviewKeys() {
    }

    public static Key primary(String courseId, String userId) {
        return new Key(CourseKeys.partition(courseId), SORT_PREFIX + userId);
    }

    public static IndexKey newestFirst(String courseId, Instant createdAt, String userId) {
        return new IndexKey(TableDesign.GSI1, "course#" + courseId + "#reviews", Timestamps.sortable(createdAt) + "#" + userId);
    }
}
