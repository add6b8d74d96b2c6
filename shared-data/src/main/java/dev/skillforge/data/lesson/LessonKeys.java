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

    public static final String OUTLINE_ENTITY = "courseOutline";
    public static final String OUTLINE_SORT_KEY = "outline";
    /** The counter that hands out lesson keys (see CourseOutline.Entry#key): a tiny item, so taking a key costs 1 write unit. */
    public static final String KEY_COUNTER_ENTITY = "lessonKeyCounter";
    public static final String KEY_COUNTER_SORT_KEY = "lessonKeys";

    public static final AccessPattern OUTLINE = new AccessPattern(OUTLINE_ENTITY, "a course's ordered outline (ids, titles, quiz pass marks, versions; no content)",
            "GetItem", AccessPattern.TABLE, "PK = course#<courseId> AND SK = outline",
            "GET /courses/{courseId}/lessons (eventually consistent for readers, strong for authors); lesson writes (in their transaction); publish (ConditionCheck); progress-service (eventually consistent)");
    public static final AccessPattern KEY_COUNTER = new AccessPattern(KEY_COUNTER_ENTITY, "the counter that hands out a course's lesson keys",
            "UpdateItem", AccessPattern.TABLE, "PK = course#<courseId> AND SK = lessonKeys (ADD next :n, ReturnValues UPDATED_NEW)",
            "POST /courses/{courseId}/lessons (one key), outlines stored before keys (their lessons' keys, once)");
    public static final AccessPattern LEGACY_LESSONS = new AccessPattern(ENTITY, "lessons of a course stored before outlines (builds the outline once)",
            "Query", AccessPattern.TABLE, "PK = course#<courseId> AND begins_with(SK, lesson#)",
            "the first outline read of a course that has lessons but no outline item; never again once it is written");
    public static final AccessPattern GET_BY_ID = new AccessPattern(ENTITY, "one lesson of a course", "GetItem", AccessPattern.TABLE,
            "PK = course#<courseId> AND SK = lesson#<lessonId>", "GET/PUT/DELETE /courses/{courseId}/lessons/{lessonId} (writes in a transaction with the outline); quiz grading (the answer key)");
    public static final AccessPattern COURSE_OF_LESSON = new AccessPattern(ENTITY, "a lesson by its id alone (seed route)", "Query",
            TableDesign.GSI3.name(), "GSI3PK = lesson#<lessonId> AND GSI3SK = lesson", "PUT /lessons/{lessonId}");

    private LessonKeys() {
    }

    public static Key outline(String courseId) {
        return new Key(CourseKeys.partition(courseId), OUTLINE_SORT_KEY);
    }

    public static Key keyCounter(String courseId) {
        return new Key(CourseKeys.partition(courseId), KEY_COUNTER_SORT_KEY);
    }

    public static Key primary(String courseId, String lessonId) {
        return new Key(CourseKeys.partition(courseId), SORT_PREFIX + lessonId);
    }

    public static IndexKey byId(String lessonId) {
        return new IndexKey(TableDesign.GSI3, BY_ID_PREFIX + lessonId, ENTITY);
    }
}
