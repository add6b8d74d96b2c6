package dev.skillforge.data.lesson;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * CourseOutline <-> item by hand. The outline is read on every progress request, so it holds only what the outline list
 * and progress need, under short attribute names: no summaries (up to 500 characters each, they would make a 200-lesson
 * outline ten times larger; a lesson's summary is served with the lesson), and lesson ids that are UUIDs as their 16
 * bytes rather than 36 characters (a fifth of a 200-lesson outline).
 */
public final class OutlineCodec {

    public static final int SCHEMA_VERSION = 2;

    static final String COURSE_ID = "courseId";
    static final String LESSONS = "lessons";
    static final String VERSION = ItemWriter.VERSION;
    static final String ID = "id";
    static final String KEY = "k";
    static final String TITLE = "t";
    static final String MINUTES = "m";
    static final String PASS_MARK = "q";
    static final String LESSON_VERSION = "v";

    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OutlineCodec() {
    }

    public static Map<String, AttributeValue> toItem(CourseOutline outline) {
        return ItemWriter.of(LessonKeys.outline(outline.courseId()), LessonKeys.OUTLINE_ENTITY, SCHEMA_VERSION)
                .put(COURSE_ID, outline.courseId())
                .putList(LESSONS, outline.lessons().stream().map(OutlineCodec::entry).toList())
                .put(VERSION, outline.version())
                .audited(outline.updatedAt(), outline.updatedAt(), outline.updatedBy())
                .build();
    }

    public static AttributeValue entry(CourseOutline.Entry entry) {
        ItemWriter writer = ItemWriter.nested()
                .put(ID, idValue(entry.lessonId()))
                .put(TITLE, entry.title())
                .put(MINUTES, entry.durationMinutes())
                .put(PASS_MARK, entry.passMark())
                .put(LESSON_VERSION, entry.version());
        if (entry.key() > 0) {
            writer.put(KEY, entry.key());
        }
        return writer.asValue();
    }

    /** A lesson id as the outline stores it: a canonical UUID as its 16 bytes, any other id as it is. */
    public static AttributeValue idValue(String lessonId) {
        if (!CANONICAL_UUID.matcher(lessonId).matches()) {
            return AttributeValue.fromS(lessonId);
        }
        UUID uuid = UUID.fromString(lessonId);
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.array()));
    }

    static String lessonId(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        ByteBuffer bytes = value.b().asByteBuffer();
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }

    public static CourseOutline fromItem(Map<String, AttributeValue> item) {
        List<CourseOutline.Entry> lessons = item.get(LESSONS).l().stream().map(AttributeValue::m)
                .map(e -> new CourseOutline.Entry(lessonId(e.get(ID)), (int) Items.number(e, KEY, 0), Items.string(e, TITLE), null,
                        Items.integer(e, MINUTES), Items.integer(e, PASS_MARK), Items.number(e, LESSON_VERSION, 0)))
                .toList();
        Instant updatedAt = Items.instant(item, ItemWriter.UPDATED_AT);
        return new CourseOutline(Items.string(item, COURSE_ID), lessons, Items.number(item, VERSION, 0), updatedAt,
                Items.string(item, ItemWriter.UPDATED_BY));
    }
}
