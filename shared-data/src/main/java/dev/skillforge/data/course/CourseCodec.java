package dev.skillforge.data.course;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Course <-> item, by hand: no reflection, and the sparse GSI keys follow the status in the same write. */
public final class CourseCodec {

    public static final int SCHEMA_VERSION = 1;

    static final String COURSE_ID = "courseId";
    static final String OWNER_ID = "ownerId";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String CATEGORY = "category";
    static final String TAGS = "tags";
    static final String LEVEL = "level";
    public static final String COVER_IMAGE_KEY = "coverImageKey";
    static final String STATUS = "status";
    static final String VERSION = ItemWriter.VERSION;
    static final String PUBLISHED_AT = "publishedAt";

    /** Every attribute the course item's owner (courses-service) writes; UpdateItem removes the absent ones. */
    static final Set<String> OWNED = new LinkedHashSet<>(List.of(ItemWriter.ENTITY, ItemWriter.SCHEMA_VERSION, COURSE_ID,
            OWNER_ID, TITLE, DESCRIPTION, CATEGORY, TAGS, LEVEL, COVER_IMAGE_KEY, STATUS, VERSION, PUBLISHED_AT,
            ItemWriter.CREATED_AT, ItemWriter.UPDATED_AT, ItemWriter.UPDATED_BY, ItemWriter.CORRELATION_ID,
            TableDesign.GSI1.partitionKey(), TableDesign.GSI1.sortKey(), TableDesign.GSI2.partitionKey(), TableDesign.GSI2.sortKey()));

    private CourseCodec() {
    }

    public static Map<String, AttributeValue> toItem(Course course) {
        ItemWriter writer = ItemWriter.of(CourseKeys.primary(course.courseId()), CourseKeys.ENTITY, SCHEMA_VERSION)
                .put(COURSE_ID, course.courseId())
                .put(OWNER_ID, course.ownerId())
                .put(TITLE, course.title())
                .put(DESCRIPTION, course.description())
                .put(CATEGORY, course.category())
                .putStrings(TAGS, course.tags())
                .put(LEVEL, course.level())
                .put(COVER_IMAGE_KEY, course.coverImageKey())
                .put(STATUS, course.status().value())
                .put(VERSION, course.version())
                .put(PUBLISHED_AT, course.publishedAt())
                .audited(course.createdAt(), course.updatedAt(), course.updatedBy());
        if (course.isPublished()) {
            writer.index(CourseKeys.publishedNewestFirst(course.publishedAt(), course.courseId()));
            writer.index(CourseKeys.publishedInCategory(course.category(), course.publishedAt(), course.courseId()));
        }
        return writer.build();
    }

    public static Course fromItem(Map<String, AttributeValue> item) {
        return new Course(
                Items.string(item, COURSE_ID),
                Items.string(item, OWNER_ID),
                Items.string(item, TITLE),
                Items.string(item, DESCRIPTION),
                Items.string(item, CATEGORY),
                Items.strings(item, TAGS),
                Items.string(item, LEVEL),
                Items.string(item, COVER_IMAGE_KEY),
                CourseStatus.of(Items.string(item, STATUS)),
                Items.number(item, VERSION, 0),
                Items.instant(item, ItemWriter.CREATED_AT),
                Items.instant(item, ItemWriter.UPDATED_AT),
                Items.string(item, ItemWriter.UPDATED_BY),
                Items.instant(item, PUBLISHED_AT));
    }
}
