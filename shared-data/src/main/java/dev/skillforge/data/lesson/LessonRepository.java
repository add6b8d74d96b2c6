package dev.skillforge.data.lesson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.skillforge.data.course.CourseKeys;
import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.keys.Key;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.table.SkillForgeTable;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Lessons and their course's outline; each method is one access pattern from {@link LessonKeys}. A lesson's content
 * lives in its own item and is read only when that lesson is asked for; the outline item lists every lesson (id, title,
 * summary, minutes, quiz pass mark, version) in order. Every lesson write changes the outline in the same transaction,
 * so the two never disagree and rules on the whole course (the lesson cap, the last lesson of a published course) hold
 * under concurrent requests.
 */
@Singleton
public class LessonRepository {

    /** Legacy outlines are built once from at most this many lesson items (the service's cap is far below). */
    private static final int LEGACY_READ_CAP = 1000;

    private static final Comparator<Lesson> LEGACY_ORDER = Comparator.comparingInt(Lesson::position)
            .thenComparing(Lesson::createdAt)
            .thenComparing(Lesson::lessonId);

    /** Why a lesson transaction was refused: which of its conditions failed. */
    public enum Refusal {
        /** The lesson is gone or its version moved on. */
        LESSON,
        /** The outline changed under the request (reordered, another lesson added or removed): read it again and retry. */
        OUTLINE,
        /** The course-wide rule failed: the lesson cap, or the last lesson of a published course. */
        COURSE_RULE,
        /** The course item is gone (deleted while the lesson was being added). */
        COURSE_GONE,
        /** Another transaction held one of the items (DynamoDB's TransactionConflict): nothing written, try again. */
        CONFLICT
    }

    /** A lesson transaction whose conditions did not hold; nothing was written. */
    public static final class Refused extends RuntimeException {

        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    private final SkillForgeTable table;

    @Inject
    public LessonRepository(SkillForgeTable table) {
        this.table = table;
    }

    /**
     * The course's outline: one GetItem, strongly consistent for an author about to write it, eventually consistent
     * (half the read units) for readers. A course whose lessons were stored before outlines existed gets its outline
     * built from them once, here.
     */
    public CourseOutline outline(String courseId, boolean consistent) {
        Optional<Map<String, AttributeValue>> item = consistent ? table.get(LessonKeys.outline(courseId))
                : table.getEventually(LessonKeys.outline(courseId));
        if (item.isEmpty() && !consistent) {
            item = table.get(LessonKeys.outline(courseId)); // written a moment ago, or truly absent
        }
        CourseOutline outline = item.map(OutlineCodec::fromItem).orElseGet(() -> buildLegacyOutline(courseId));
        return outline.keyed() ? outline : withKeys(outline);
    }

    /**
     * Takes {@code count} lesson keys from the course's counter: one ADD, so authors adding lessons at once never wait
     * on each other. A key taken by an add that then fails is simply never used.
     */
    private int[] takeKeys(String courseId, int count) {
        String last = table.client().updateItem(b -> b.tableName(table.name())
                .key(LessonKeys.keyCounter(courseId).toAttributes())
                .updateExpression("SET #entity = :entity ADD #next :count")
                .expressionAttributeNames(Map.of("#entity", ItemWriter.ENTITY, "#next", "next"))
                .expressionAttributeValues(Map.of(":entity", AttributeValue.fromS(LessonKeys.KEY_COUNTER_ENTITY), ":count", number(count)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("next").n();
        int first = Integer.parseInt(last) - count + 1;
        return java.util.stream.IntStream.range(first, first + count).toArray();
    }

    /**
     * An outline stored before lesson keys existed gets a key for every lesson once, its entries rewritten in the current
     * form (ids as bytes): only while nobody changed the outline meanwhile (its version) and no entry has a key yet (so
     * two first readers, or a reader of a stale replica, can never hand out a second set of keys). The version is not
     * raised: nothing a reader sees changes. When the condition fails, the outline as stored is read and used.
     */
    private CourseOutline withKeys(CourseOutline outline) {
        List<Integer> unkeyed = new ArrayList<>();
        for (int i = 0; i < outline.lessons().size(); i++) {
            if (outline.lessons().get(i).key() == 0) {
                unkeyed.add(i);
            }
        }
        int[] keys = takeKeys(outline.courseId(), unkeyed.size());
        List<CourseOutline.Entry> entries = new ArrayList<>(outline.lessons());
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>(List.of("#version = :version"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":version", number(outline.version())));
        for (int n = 0; n < unkeyed.size(); n++) {
            int index = unkeyed.get(n);
            entries.set(index, entries.get(index).withKey(keys[n]));
            sets.add("#lessons[" + index + "] = :entry" + n);
            conditions.add("attribute_not_exists(#lessons[" + index + "].#key)");
            values.put(":entry" + n, OutlineCodec.entry(entries.get(index)));
        }
        try {
            table.client().updateItem(b -> b.tableName(table.name()).key(LessonKeys.outline(outline.courseId()).toAttributes())
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(Map.of("#lessons", OutlineCodec.LESSONS, "#key", OutlineCodec.KEY, "#version", ItemWriter.VERSION))
                    .expressionAttributeValues(values));
            return new CourseOutline(outline.courseId(), List.copyOf(entries), outline.version(), outline.updatedAt(), outline.updatedBy());
        } catch (ConditionalCheckFailedException keyedOrChangedMeanwhile) {
            CourseOutline stored = table.get(LessonKeys.outline(outline.courseId())).map(OutlineCodec::fromItem)
                    .orElseGet(() -> CourseOutline.empty(outline.courseId()));
            return stored.keyed() ? stored : withKeys(stored);
        }
    }

    private CourseOutline buildLegacyOutline(String courseId) {
        // a deleted course's outline went with it; its lessons wait for the cascade, must not bring it back, and are not
        // worth reading (a course's lessons can be megabytes)
        if (table.get(CourseKeys.primary(courseId)).isEmpty()) {
            return CourseOutline.empty(courseId);
        }
        List<Lesson> lessons = table.queryAll(QueryRequest.builder()
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS(CourseKeys.partition(courseId)),
                                ":prefix", AttributeValue.fromS(LessonKeys.SORT_PREFIX)))
                        .consistentRead(true), LEGACY_READ_CAP)
                .stream().map(LessonCodec::fromItem).sorted(LEGACY_ORDER).toList();
        if (lessons.isEmpty()) {
            return CourseOutline.empty(courseId);
        }
        Instant now = Timestamps.millis(Instant.now());
        int[] keys = takeKeys(courseId, lessons.size());
        List<CourseOutline.Entry> entries = new ArrayList<>();
        for (int i = 0; i < lessons.size(); i++) {
            entries.add(CourseOutline.Entry.of(lessons.get(i), keys[i]));
        }
        CourseOutline built = new CourseOutline(courseId, List.copyOf(entries), 1, now, "outline-migration");
        try {
            table.client().putItem(b -> b.tableName(table.name()).item(OutlineCodec.toItem(built))
                    .conditionExpression("attribute_not_exists(PK)"));
            return built;
        } catch (ConditionalCheckFailedException alreadyBuilt) {
            return table.get(LessonKeys.outline(courseId)).map(OutlineCodec::fromItem).orElse(built);
        }
    }

    /** One lesson with its content, strongly consistent (an author edits what they just wrote). */
    public Optional<Lesson> find(String courseId, String lessonId) {
        return table.get(LessonKeys.primary(courseId, lessonId)).map(LessonCodec::fromItem);
    }

    /** One lesson with its content, eventually consistent (learners reading a lesson, quiz grading). */
    public Optional<Lesson> findEventually(String courseId, String lessonId) {
        return table.getEventually(LessonKeys.primary(courseId, lessonId)).map(LessonCodec::fromItem);
    }

    /** The course a lesson belongs to, from the lesson id alone (GSI3, keys only). */
    public Optional<String> findCourseIdOfLesson(String lessonId) {
        QueryResponse response = table.client().query(b -> b.tableName(table.name())
                .indexName(TableDesign.GSI3.name())
                .keyConditionExpression("GSI3PK = :pk AND GSI3SK = :sk")
                .expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS(LessonKeys.byId(lessonId).pk()),
                        ":sk", AttributeValue.fromS(LessonKeys.ENTITY)))
                .limit(1));
        return response.items().stream().findFirst()
                .map(item -> item.get(TableDesign.PK).s().substring(CourseKeys.PARTITION_PREFIX.length()));
    }

    /**
     * Creates the lesson and appends it to the outline in one transaction; the outline's condition keeps the course
     * under {@code cap} lessons however many authors add at once.
     */
    public void add(Lesson lesson, CourseOutline current, int cap, String actor) {
        Map<String, AttributeValue> item = LessonCodec.toItem(lesson);
        SkillForgeTable.requireWritable(item, "lesson");
        CourseOutline.Entry entry = CourseOutline.Entry.of(lesson, takeKeys(lesson.courseId(), 1)[0]);
        TransactWriteItem putLesson = TransactWriteItem.builder().put(p -> p.tableName(table.name())
                .item(item).conditionExpression("attribute_not_exists(PK)")).build();
        TransactWriteItem outline;
        if (!current.stored()) {
            CourseOutline first = new CourseOutline(lesson.courseId(), List.of(entry), 1, lesson.createdAt(), actor);
            outline = TransactWriteItem.builder().put(p -> p.tableName(table.name()).item(OutlineCodec.toItem(first))
                    .conditionExpression("attribute_not_exists(PK)")).build();
        } else {
            OutlineWrite write = new OutlineWrite(lesson.updatedAt(), actor)
                    .set("#lessons = list_append(#lessons, :entry)", Map.of("#lessons", OutlineCodec.LESSONS),
                            Map.of(":entry", AttributeValue.fromL(List.of(OutlineCodec.entry(entry)))))
                    .condition("size(#lessons) < :cap", Map.of(), Map.of(":cap", number(cap)));
            outline = write.item(table, lesson.courseId());
        }
        // the course must still be there: a lesson added as its course is deleted would outlive the course's cascade
        TransactWriteItem courseExists = TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name())
                .key(CourseKeys.primary(lesson.courseId()).toAttributes()).conditionExpression("attribute_exists(PK)")).build();
        transact(List.of(putLesson, outline, courseExists), Refusal.LESSON, current.stored() ? Refusal.COURSE_RULE : Refusal.OUTLINE,
                Refusal.COURSE_GONE);
    }

    /**
     * Writes the edited lesson (only while its stored version is {@code expectedVersion}) and its outline entry (only
     * while the entry is still at the position the caller read).
     */
    public Lesson update(Lesson next, long expectedVersion, CourseOutline outline) {
        int index = outline.indexOf(next.lessonId());
        CourseOutline.Entry entry = CourseOutline.Entry.of(next, outline.lessons().get(index).key());
        TransactWriteItem lesson = TransactWriteItem.builder().update(table.versionedUpdate(LessonKeys.primary(next.courseId(),
                next.lessonId()), LessonCodec.toItem(next), LessonCodec.OWNED, expectedVersion, "lesson")).build();
        String path = "#lessons[" + index + "]";
        OutlineWrite write = new OutlineWrite(next.updatedAt(), next.updatedBy())
                .set(path + " = :entry", Map.of("#lessons", OutlineCodec.LESSONS, "#id", OutlineCodec.ID),
                        Map.of(":entry", OutlineCodec.entry(entry), ":lessonId", OutlineCodec.idValue(next.lessonId())))
                .condition(path + ".#id = :lessonId", Map.of(), Map.of());
        transact(List.of(lesson, write.item(table, next.courseId())), Refusal.LESSON, Refusal.OUTLINE);
        return next;
    }

    /**
     * Deletes the lesson (only at {@code expectedVersion}) and its outline entry in one transaction. The outline must
     * still hold the lesson where the caller saw it and, unless {@code courseMayBeEmpty} is checked on the course item in
     * the same transaction, keep another lesson: a published course never loses its last lesson to two deletes at once.
     */
    public void delete(String courseId, String lessonId, long expectedVersion, CourseOutline outline, String actor) {
        Key key = LessonKeys.primary(courseId, lessonId);
        table.stampDeletion(key, expectedVersion, "lesson", actor);
        int index = outline.indexOf(lessonId);
        boolean last = outline.lessons().size() == 1;
        TransactWriteItem lesson = TransactWriteItem.builder().delete(d -> d.tableName(table.name()).key(key.toAttributes())
                .conditionExpression("attribute_exists(PK) AND #version = :version")
                .expressionAttributeNames(Map.of("#version", ItemWriter.VERSION))
                .expressionAttributeValues(Map.of(":version", number(expectedVersion)))).build();
        String entry = "#lessons[" + index + "]";
        OutlineWrite write = new OutlineWrite(Timestamps.millis(Instant.now()), actor)
                .remove(entry, Map.of("#lessons", OutlineCodec.LESSONS, "#id", OutlineCodec.ID))
                .condition(entry + ".#id = :lessonId", Map.of(), Map.of(":lessonId", OutlineCodec.idValue(lessonId)));
        if (!last) {
            write.condition("size(#lessons) > :one", Map.of(), Map.of(":one", number(1)));
        }
        List<TransactWriteItem> items = new ArrayList<>(List.of(lesson, write.item(table, courseId)));
        if (last) {
            // the last lesson may go only while the course is not published, checked in the same transaction
            items.add(TransactWriteItem.builder().conditionCheck(c -> c.tableName(table.name())
                    .key(CourseKeys.primary(courseId).toAttributes())
                    .conditionExpression("attribute_exists(PK) AND #status <> :published")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":published", AttributeValue.fromS("published")))).build());
        }
        transact(items, Refusal.LESSON, Refusal.OUTLINE, Refusal.COURSE_RULE);
    }

    /** The outline in a new order: one write, only while the outline is still at the version the caller read. */
    public CourseOutline reorder(CourseOutline current, List<CourseOutline.Entry> order, Instant at, String actor) {
        CourseOutline next = new CourseOutline(current.courseId(), List.copyOf(order), current.version() + 1, at, actor);
        OutlineWrite write = new OutlineWrite(at, actor)
                .set("#lessons = :lessons", Map.of("#lessons", OutlineCodec.LESSONS),
                        Map.of(":lessons", AttributeValue.fromL(order.stream().map(OutlineCodec::entry).toList())))
                .condition("#version = :expected", Map.of(), Map.of(":expected", number(current.version())));
        try {
            table.client().updateItem(SkillForgeTable.asRequest(write.update(table, current.courseId())));
        } catch (ConditionalCheckFailedException | software.amazon.awssdk.services.dynamodb.model.TransactionConflictException e) {
            throw new Refused(Refusal.OUTLINE);
        }
        return next;
    }

    private void transact(List<TransactWriteItem> items, Refusal... refusals) {
        try {
            table.client().transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < refusals.length; i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw new Refused(refusals[i]);
                }
            }
            if (reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()))) {
                throw new Refused(Refusal.CONFLICT);
            }
            throw e;
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** An UpdateItem of the outline item: the given changes, its version raised, the writer stamped, all conditions met. */
    private static final class OutlineWrite {

        private final List<String> sets = new ArrayList<>();
        private final List<String> removes = new ArrayList<>();
        private final List<String> conditions = new ArrayList<>(List.of("attribute_exists(PK)"));
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, AttributeValue> values = new HashMap<>();

        OutlineWrite(Instant at, String actor) {
            sets.add("#version = #version + :one");
            sets.add("#updatedAt = :updatedAt");
            sets.add("#updatedBy = :updatedBy");
            names.putAll(Map.of("#version", ItemWriter.VERSION, "#updatedAt", ItemWriter.UPDATED_AT, "#updatedBy", ItemWriter.UPDATED_BY));
            values.putAll(Map.of(":one", number(1), ":updatedAt", AttributeValue.fromS(Timestamps.sortable(at)),
                    ":updatedBy", AttributeValue.fromS(actor)));
            String correlationId = ItemWriter.currentCorrelationId();
            if (correlationId != null) {
                sets.add("#correlationId = :correlationId");
                names.put("#correlationId", ItemWriter.CORRELATION_ID);
                values.put(":correlationId", AttributeValue.fromS(correlationId));
            }
        }

        OutlineWrite set(String expression, Map<String, String> moreNames, Map<String, AttributeValue> moreValues) {
            sets.add(expression);
            return with(moreNames, moreValues);
        }

        OutlineWrite remove(String path, Map<String, String> moreNames) {
            removes.add(path);
            return with(moreNames, Map.of());
        }

        OutlineWrite condition(String expression, Map<String, String> moreNames, Map<String, AttributeValue> moreValues) {
            conditions.add(expression);
            return with(moreNames, moreValues);
        }

        private OutlineWrite with(Map<String, String> moreNames, Map<String, AttributeValue> moreValues) {
            names.putAll(moreNames);
            values.putAll(moreValues);
            return this;
        }

        private String updateExpression() {
            return "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
        }

        TransactWriteItem item(SkillForgeTable table, String courseId) {
            return TransactWriteItem.builder().update(update(table, courseId)).build();
        }

        Update update(SkillForgeTable table, String courseId) {
            return Update.builder().tableName(table.name())
                    .key(LessonKeys.outline(courseId).toAttributes())
                    .updateExpression(updateExpression())
                    .conditionExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values).build();
        }
    }
}
