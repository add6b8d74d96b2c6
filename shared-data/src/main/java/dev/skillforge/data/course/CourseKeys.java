package dev.skillforge.data.course;

import java.time.Instant;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.TableDesign;

/** Where a course lives and every way it is found. Only published courses carry GSI keys (sparse indexes). */
public final class CourseKeys {

    public static final String ENTITY = "course";
    public static final String PARTITION_PREFIX = "course#";
    public static final String SORT_KEY = "course";
    public static final String PUBLISHED_PARTITION = "courses#published";
    public static final String CATEGORY_PARTITION_PREFIX = "courses#published#category#";

    public static final AccessPattern GET_BY_ID = new AccessPattern(ENTITY, "course by id", "GetItem", AccessPattern.TABLE,
            "PK = course#<courseId> AND SK = course", "courses-service; enrollments-service (POST /enroll, GET /me/enrollments/{courseId}; BatchGetItem for GET /me/enrollments); progress-service (BatchGetItem with the enrollment and lesson)");
    public static final AccessPattern PUBLISHED_NEWEST_FIRST = new AccessPattern(ENTITY, "published courses, newest first", "Query",
            TableDesign.GSI1.name(), "GSI1PK = courses#published, ScanIndexForward=false (GSI1SK = <publishedAt>#<courseId>)",
            "GET /courses");
    public static final AccessPattern PUBLISHED_IN_CATEGORY = new AccessPattern(ENTITY, "published courses in a category, newest first",
            "Query", TableDesign.GSI2.name(),
            "GSI2PK = courses#published#category#<category>, ScanIndexForward=false (GSI2SK = <publishedAt>#<courseId>)",
            "GET /courses?category=");
    public static final AccessPattern WHOLE_COURSE = new AccessPattern(ENTITY, "everything stored under a course (delete)", "Query",
            AccessPattern.TABLE, "PK = course#<courseId> (consistent, pages of 1,000)", "stream-records (course cascade, last phase)");

    private CourseKeys() {
    }

    public static Key primary(String courseId) {
        return new Key(partition(courseId), SORT_KEY);
    }

    public static String partition(String courseId) {
        return PARTITION_PREFIX + courseId;
    }

    public static IndexKey publishedNewestFirst(Instant publishedAt, String courseId) {
        return new IndexKey(TableDesign.GSI1, PUBLISHED_PARTITION, Timestamps.sortable(publishedAt) + "#" + courseId);
    }

    public static IndexKey publishedInCategory(String category, Instant publishedAt, String courseId) {
        return new IndexKey(TableDesign.GSI2, CATEGORY_PARTITION_PREFIX + category,
                Timestamps.sortable(publishedAt) + "#" + courseId);
    }
}
