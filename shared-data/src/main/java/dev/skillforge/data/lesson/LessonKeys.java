package dev.skillforge.data.lesson;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.IndexKey;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.table.TableDesign;

/** Lessons live in their course's partition, so a course and its outline are one Query away. */
public final class LessonKeys {

    public static final String ENTITY = "lesson";
    public static final String SORT_PREFIX = "lesson#";
    public static final String BY_ID_PREFIX = "lesson#";

    public static final AccessPattern OUTLINE = new AccessPattern(ENTITY, "lessons of a course (outline, ordered by position in memory)",
            "Query", AccessPattern.TABLE, "PK = course#<courseId> AND begins_with(SK, lesson#)",
            "GET /courses/{id}/lessons, publish, progress-service");
    public static final AccessPattern GET_BY_ID = new AccessPattern(ENTITY, "one lesson of a course", "GetItem", AccessPattern.TABLE,
            "PK = course#<courseId> AND SK = lesson#<lessonId>", "PUT/DELETE /courses/{id}/lessons/{lessonId}; progress-service (in the BatchGetItem with course and enrollment)");
    public static final AccessPattern COURSE_OF_LESSON = new AccessPattern(ENTITY, "a lesson by its id alone (seed route)", "Query",
            TableDesign.GSI3.name(), "GSI3PK = lesson#<lessonId> AND GSI3SK = lesson", "PUT /lessons/{id}");

    private LessonKeys() {
    }

    public static Key primary(String courseId, String lessonId) {
        return new Key(CourseKeys.partition(courseId), SORT_PREFIX + lessonId);
    }

    public static IndexKey byId(String lessonId) {
        return new IndexKey(TableDesign.GSI3, BY_ID_PREFIX + lessonId, ENTITY);
    }
}
