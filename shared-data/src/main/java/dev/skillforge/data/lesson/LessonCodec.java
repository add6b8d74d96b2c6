package dev.skillforge.data.lesson;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Lesson <-> item by hand; the quiz is a nested map so a lesson stays one item. */
public final class LessonCodec {

    public static final int SCHEMA_VERSION = 1;

    static final String COURSE_ID = "courseId";
    static final String LESSON_ID = "lessonId";
    /** Legacy: the outline item orders lessons now; an edit removes it from a lesson stored before. */
    static final String POSITION = "position";
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String CONTENT = "content";
    public static final String VIDEO_KEY = "videoKey";
    static final String DURATION_MINUTES = "durationMinutes";
    static final String QUIZ = "quiz";
    static final String VERSION = ItemWriter.VERSION;

    static final Set<String> OWNED = new LinkedHashSet<>(List.of(ItemWriter.ENTITY, ItemWriter.SCHEMA_VERSION, COURSE_ID,
            LESSON_ID, POSITION, TITLE, SUMMARY, CONTENT, VIDEO_KEY, DURATION_MINUTES, QUIZ, VERSION,
            ItemWriter.CREATED_AT, ItemWriter.UPDATED_AT, ItemWriter.UPDATED_BY, ItemWriter.CORRELATION_ID,
            TableDesign.GSI3.partitionKey(), TableDesign.GSI3.sortKey()));

    private LessonCodec() {
    }

    public static Map<String, AttributeValue> toItem(Lesson lesson) {
        return ItemWriter.of(LessonKeys.primary(lesson.courseId(), lesson.lessonId()), LessonKeys.ENTITY, SCHEMA_VERSION)
                .put(COURSE_ID, lesson.courseId())
                .put(LESSON_ID, lesson.lessonId())
                .put(TITLE, lesson.title())
                .put(SUMMARY, lesson.summary())
                .put(CONTENT, lesson.content())
                .put(VIDEO_KEY, lesson.videoKey())
                .put(DURATION_MINUTES, lesson.durationMinutes())
                .putMap(QUIZ, lesson.quiz() == null ? null : quizToMap(lesson.quiz()))
                .put(VERSION, lesson.version())
                .audited(lesson.createdAt(), lesson.updatedAt(), lesson.updatedBy())
                .index(LessonKeys.byId(lesson.lessonId()))
                .build();
    }

    public static Lesson fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> quiz = Items.map(item, QUIZ);
        return new Lesson(
                Items.string(item, COURSE_ID),
                Items.string(item, LESSON_ID),
                (int) Items.number(item, POSITION, 0),
                Items.string(item, TITLE),
                Items.string(item, SUMMARY),
                Items.string(item, CONTENT),
                Items.string(item, VIDEO_KEY),
                Items.integer(item, DURATION_MINUTES),
                quiz == null ? null : quizFromMap(quiz),
                Items.number(item, VERSION, 0),
                Items.instant(item, ItemWriter.CREATED_AT),
                Items.instant(item, ItemWriter.UPDATED_AT),
                Items.string(item, ItemWriter.UPDATED_BY));
    }

    private static Map<String, AttributeValue> quizToMap(Quiz quiz) {
        List<AttributeValue> questions = quiz.questions().stream()
                .map(q -> ItemWriter.nested()
                        .put("questionId", q.questionId())
                        .put("prompt", q.prompt())
                        .putStrings("options", q.options())
                        .put("correctOption", q.correctOption())
                        .asValue())
                .toList();
        return ItemWriter.nested().put("passMark", quiz.passMark()).putList("questions", questions).build();
    }

    private static Quiz quizFromMap(Map<String, AttributeValue> map) {
        List<QuizQuestion> questions = map.get("questions").l().stream()
                .map(AttributeValue::m)
                .map(q -> new QuizQuestion(Items.string(q, "questionId"), Items.string(q, "prompt"),
                        Items.strings(q, "options"), (int) Items.number(q, "correctOption", 0)))
                .toList();
        return new Quiz((int) Items.number(map, "passMark", 0), questions);
    }
}
