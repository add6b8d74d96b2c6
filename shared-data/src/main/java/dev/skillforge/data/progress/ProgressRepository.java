package dev.skillforge.data.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.user.UserKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A learner's progress in a course as one item (about 20 bytes per lesson touched, so a 200-lesson course fits one
 * 4 KB read unit). It exists from the first enrollment on and says whether the learner is enrolled now: enrolling
 * and unenrolling set that flag in the same transaction as the enrollment, and every progress write is one UpdateItem
 * on the condition {@code enrolled = true}, so no write lands after an unenrollment or a course's cascade. Every
 * write is safe to repeat: completion keeps its first time (if_not_exists), attempts are counted atomically, the best
 * score only ever rises (a conditional SET).
 */
@Singleton
public class ProgressRepository {

    static final int SCHEMA_VERSION = 2;
    /** Per-lesson maps, keyed by the lesson's key in the outline. */
    static final String DONE = "done";
    static final String TRIES = "tries";
    static final String LAST = "last";
    static final String BEST = "best";
    static final String PASSED = "passed";
    static final String ENROLLED = "enrolled";
    static final String ENROLLED_AT = "enrolledAt";
    static final String COMPLETED_AT = "completedAt";
    static final String LAST_ACTIVITY_AT = "lastActivityAt";
    private static final List<String> LESSON_MAPS = List.of(DONE, TRIES, LAST, BEST, PASSED);
    private static final int CONFLICT_ATTEMPTS = 3;
    /** Legacy per-lesson items folded at most: courses cap lessons well below this. */
    private static final int MAX_LEGACY_ITEMS = 1000;

    private final SkillForgeTable table;

    @Inject
    public ProgressRepository(SkillForgeTable table) {
        this.table = table;
    }

    /** The learner's progress item, strongly consistent (their own writes of a moment ago count). */
    public Optional<LearnerProgress> find(String userId, String courseId) {
        return table.get(ProgressKeys.primary(userId, courseId)).map(ProgressRepository::fromItem);
    }

    /** Marks a lesson complete; repeating it changes only the last-activity time. Empty when not enrolled. */
    public Optional<LearnerProgress> markComplete(String userId, String courseId, int lessonKey, Instant now) {
        Write write = new Write(userId, courseId, now).lesson(lessonKey).set("#done.#lesson = if_not_exists(#done.#lesson, :at)");
        return write.applyWhileEnrolled();
    }

    /**
     * Counts a graded attempt; a passing one also completes the lesson. Then raises the best score if this one beat it.
     * Empty when not enrolled.
     */
    public Optional<LearnerProgress> recordQuizAttempt(String userId, String courseId, int lessonKey, int score, boolean passed, Instant now) {
        Write write = new Write(userId, courseId, now).lesson(lessonKey).score(score)
                .set("#tries.#lesson = if_not_exists(#tries.#lesson, :zero) + :one").set("#last.#lesson = :score");
        if (passed) {
            write.set("#passed.#lesson = if_not_exists(#passed.#lesson, :at)").set("#done.#lesson = if_not_exists(#done.#lesson, :at)");
        }
        Optional<LearnerProgress> after = write.applyWhileEnrolled();
        if (after.isEmpty()) {
            return after;
        }
        Integer best = after.get().of(lessonKey).bestScore();
        if (best != null && best >= score) {
            return after;
        }
        try {
            return Optional.of(fromItem(table.client().updateItem(b -> b.tableName(table.name())
                    .key(ProgressKeys.primary(userId, courseId).toAttributes())
                    .updateExpression("SET #best.#lesson = :score")
                    .conditionExpression("#enrolled = :true AND (attribute_not_exists(#best.#lesson) OR #best.#lesson < :score)")
                    .expressionAttributeNames(Map.of("#best", BEST, "#lesson", Integer.toString(lessonKey), "#enrolled", ENROLLED))
                    .expressionAttributeValues(Map.of(":score", number(score), ":true", AttributeValue.fromBool(true)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes()));
        } catch (ConditionalCheckFailedException beatenMeanwhile) {
            // a concurrent attempt scored at least as well, or the learner just left: the stored best stands
            return find(userId, courseId).or(() -> after);
        }
    }

    /** The progress item's part of recording a course's completion (in the enrollment's transaction): the first time only. */
    public Update completing(String userId, String courseId, Instant at) {
        Write write = new Write(userId, courseId, at).set("#completedAt = :now");
        write.names.put("#completedAt", COMPLETED_AT);
        write.values.put(":true", AttributeValue.fromBool(true));
        write.condition = "#enrolled = :true AND attribute_not_exists(#completedAt)";
        return write.update();
    }

    /**
     * The progress item's part of an enrollment (same transaction): enrolled from now, the per-lesson records kept from an
     * earlier enrollment so a learner who comes back continues where they stopped.
     */
    public Update enrolling(String userId, String courseId, Instant now) {
        Write write = new Write(userId, courseId, now).set("#enrolled = :true").set("#enrolledAt = :now");
        for (String map : LESSON_MAPS) {
            write.names.put("#" + map, map);
            write.set("#" + map + " = if_not_exists(#" + map + ", :noLessons)");
        }
        write.values.put(":true", AttributeValue.fromBool(true));
        write.values.put(":noLessons", AttributeValue.fromM(Map.of()));
        write.names.put("#enrolledAt", ENROLLED_AT);
        return write.update();
    }

    /**
     * The progress item's part of an unenrollment (same transaction): no further progress writes; the records stay for a
     * later enrollment, the course's completion does not (the next enrollment earns its own).
     */
    public Update unenrolling(String userId, String courseId, Instant now) {
        Write write = new Write(userId, courseId, now).set("#enrolled = :false");
        write.values.put(":false", AttributeValue.fromBool(false));
        write.names.put("#completedAt", COMPLETED_AT);
        write.remove("#completedAt");
        return write.update();
    }

    /**
     * An enrolled learner whose progress was stored as one item per lesson (before this item existed) gets it folded into
     * one item once, at their first progress request; lessons no longer in the outline are left out. The per-lesson
     * items stay (nothing reads them any more; the course's cascade deletes them with the rest).
     */
    public LearnerProgress foldLegacy(String userId, String courseId, Instant enrolledAt, Instant completedAt, CourseOutline outline) {
        Map<String, Integer> keyOf = new HashMap<>();
        outline.lessons().forEach(entry -> keyOf.put(entry.lessonId(), entry.key()));
        Map<String, Map<String, AttributeValue>> maps = new HashMap<>();
        LESSON_MAPS.forEach(map -> maps.put(map, new HashMap<>()));
        Instant lastActivity = null;
        List<Map<String, AttributeValue>> legacy = table.queryAll(QueryRequest.builder()
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(UserKeys.partition(userId)),
                        ":prefix", AttributeValue.fromS(ProgressKeys.coursePrefix(courseId))))
                .consistentRead(true), MAX_LEGACY_ITEMS);
        for (Map<String, AttributeValue> item : legacy) {
            Integer key = keyOf.get(Items.string(item, "lessonId"));
            if (key == null) {
                continue;
            }
            String k = Integer.toString(key);
            Instant completed = Items.instant(item, "completedAt");
            if (completed != null) {
                maps.get(DONE).put(k, AttributeValue.fromN(Long.toString(completed.toEpochMilli())));
            }
            long tries = Items.number(item, "quizAttempts", 0);
            if (tries > 0) {
                maps.get(TRIES).put(k, number(tries));
            }
            putIfPresent(maps.get(LAST), k, Items.integer(item, "lastScore"));
            putIfPresent(maps.get(BEST), k, Items.integer(item, "bestScore"));
            Instant passedAt = Items.instant(item, "quizPassedAt");
            if (passedAt == null && Items.bool(item, "quizPassed")) {
                passedAt = completed;
            }
            if (passedAt != null) {
                maps.get(PASSED).put(k, AttributeValue.fromN(Long.toString(passedAt.toEpochMilli())));
            }
            Instant activity = Items.instant(item, LAST_ACTIVITY_AT);
            if (activity != null && (lastActivity == null || activity.isAfter(lastActivity))) {
                lastActivity = activity;
            }
        }
        Instant now = Timestamps.millis(Instant.now());
        ItemWriter writer = ItemWriter.of(ProgressKeys.primary(userId, courseId), ProgressKeys.ENTITY, SCHEMA_VERSION)
                .put("userId", userId).put("courseId", courseId).put(ENROLLED, true)
                .put(ENROLLED_AT, enrolledAt).put(COMPLETED_AT, completedAt).put(LAST_ACTIVITY_AT, lastActivity)
                .audited(now, now, "progress-migration");
        maps.forEach(writer::putMap);
        Map<String, AttributeValue> item = writer.build();
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(item).conditionExpression("attribute_not_exists(PK)"));
            return fromItem(item);
        } catch (ConditionalCheckFailedException foldedMeanwhile) {
            return find(userId, courseId).orElseGet(() -> fromItem(item));
        }
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String key, Integer value) {
        if (value != null) {
            map.put(key, number(value));
        }
    }

    static LearnerProgress fromItem(Map<String, AttributeValue> item) {
        Map<Integer, Instant> done = times(item, DONE);
        Map<Integer, Instant> passed = times(item, PASSED);
        Map<Integer, Integer> tries = numbers(item, TRIES);
        Map<Integer, Integer> last = numbers(item, LAST);
        Map<Integer, Integer> best = numbers(item, BEST);
        java.util.Set<Integer> touched = new java.util.TreeSet<>(done.keySet());
        touched.addAll(tries.keySet());
        touched.addAll(passed.keySet());
        Map<Integer, LessonProgress> lessons = new HashMap<>();
        for (Integer key : touched) {
            lessons.put(key, new LessonProgress(done.get(key), tries.getOrDefault(key, 0), last.get(key), best.get(key), passed.get(key)));
        }
        return new LearnerProgress(Items.string(item, "userId"), Items.string(item, "courseId"), Items.bool(item, ENROLLED),
                Items.instant(item, ENROLLED_AT), Items.instant(item, COMPLETED_AT), Items.instant(item, LAST_ACTIVITY_AT), Map.copyOf(lessons));
    }

    private static Map<Integer, Instant> times(Map<String, AttributeValue> item, String name) {
        Map<Integer, Instant> times = new HashMap<>();
        Map<String, AttributeValue> map = Items.map(item, name);
        if (map != null) {
            map.forEach((key, value) -> times.put(Integer.valueOf(key), Instant.ofEpochMilli(Long.parseLong(value.n()))));
        }
        return times;
    }

    private static Map<Integer, Integer> numbers(Map<String, AttributeValue> item, String name) {
        Map<Integer, Integer> numbers = new HashMap<>();
        Map<String, AttributeValue> map = Items.map(item, name);
        if (map != null) {
            map.forEach((key, value) -> numbers.put(Integer.valueOf(key), Integer.valueOf(value.n())));
        }
        return numbers;
    }

    /** DynamoDB refuses names and values an expression does not use: only those the text names are sent. */
    private static <T> Map<String, T> usedIn(String text, Map<String, T> placeholders) {
        Map<String, T> used = new HashMap<>();
        placeholders.forEach((placeholder, value) -> {
            if (java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(placeholder) + "(?![A-Za-z0-9_])").matcher(text).find()) {
                used.put(placeholder, value);
            }
        });
        return used;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** One UpdateItem on a progress item that also (re)states its identity and audit attributes. */
    private final class Write {
        private final String userId;
        private final String courseId;
        private final Instant now;
        private final List<String> sets = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();
        private String condition;

        Write(String userId, String courseId, Instant now) {
            this.userId = userId;
            this.courseId = courseId;
            this.now = now;
            names.putAll(Map.of("#entity", ItemWriter.ENTITY, "#schemaVersion", ItemWriter.SCHEMA_VERSION,
                    "#createdAt", ItemWriter.CREATED_AT, "#updatedAt", ItemWriter.UPDATED_AT, "#updatedBy", ItemWriter.UPDATED_BY,
                    "#enrolled", ENROLLED, "#lastActivityAt", LAST_ACTIVITY_AT));
            values.putAll(Map.of(":entity", AttributeValue.fromS(ProgressKeys.ENTITY), ":schema", number(SCHEMA_VERSION),
                    ":user", AttributeValue.fromS(userId), ":course", AttributeValue.fromS(courseId),
                    ":now", AttributeValue.fromS(Timestamps.sortable(now))));
            String correlationId = ItemWriter.currentCorrelationId();
            if (correlationId != null) {
                names.put("#correlationId", ItemWriter.CORRELATION_ID);
                values.put(":correlationId", AttributeValue.fromS(correlationId));
                set("#correlationId = :correlationId");
            }
            set("#entity = :entity").set("#schemaVersion = :schema").set("userId = :user").set("courseId = :course")
                    .set("#createdAt = if_not_exists(#createdAt, :now)").set("#updatedAt = :now").set("#updatedBy = :user");
        }

        /** A lesson's records are written: times in them are epoch milliseconds (:at; a number is smaller than text). */
        Write lesson(int lessonKey) {
            names.put("#lesson", Integer.toString(lessonKey));
            LESSON_MAPS.forEach(map -> names.put("#" + map, map));
            values.put(":at", number(now.toEpochMilli()));
            return set("#lastActivityAt = :now");
        }

        Write score(int score) {
            values.put(":score", number(score));
            values.put(":zero", number(0));
            values.put(":one", number(1));
            return this;
        }

        Write set(String clause) {
            sets.add(clause);
            return this;
        }

        Write remove(String path) {
            removes.add(path);
            return this;
        }

        String expression() {
            return "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        }

        Update update() {
            String text = expression() + " " + (condition == null ? "" : condition);
            return Update.builder().tableName(table.name()).key(ProgressKeys.primary(userId, courseId).toAttributes())
                    .updateExpression(expression()).conditionExpression(condition)
                    .expressionAttributeNames(usedIn(text, names)).expressionAttributeValues(usedIn(text, values)).build();
        }

        Optional<LearnerProgress> applyWhileEnrolled() {
            values.put(":enrolledNow", AttributeValue.fromBool(true));
            condition = "#enrolled = :enrolledNow";
            for (int attempt = 1; ; attempt++) {
                try {
                    UpdateItemResponse response = table.client().updateItem(SkillForgeTable.asRequest(update()).toBuilder()
                            .returnValues(ReturnValue.ALL_NEW).build());
                    return Optional.of(fromItem(response.attributes()));
                } catch (ConditionalCheckFailedException notEnrolled) {
                    return Optional.empty();
                } catch (TransactionConflictException heldByATransaction) {
                    // the learner's completion (or enrollment) transaction holds the item for a moment: the write is safe
                    // to repeat
                    if (attempt == CONFLICT_ATTEMPTS) {
                        throw heldByATransaction;
                    }
                }
            }
        }
    }
}
