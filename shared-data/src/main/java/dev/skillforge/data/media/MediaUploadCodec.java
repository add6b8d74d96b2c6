package dev.skillforge.data.media;

import java.time.Duration;
import java.util.Map;

import dev.skillforge.data.item.ItemWriter;
import dev.skillforge.data.item.Items;
import dev.skillforge.data.table.TableDesign;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** MediaUpload <-> item. */
public final class MediaUploadCodec {

    public static final int SCHEMA_VERSION = 1;
    /** How long a grant's item outlives its attach window: an attach that began in time has long finished by then. */
    public static final Duration EXPIRY_AFTER_WINDOW = Duration.ofHours(1);
    public static final String OBJECT_KEY = "objectKey";
    static final String PURPOSE = "purpose";
    static final String ATTACHABLE_UNTIL = "attachableUntil";
    static final String ATTACHED_AT = "attachedAt";

    private MediaUploadCodec() {
    }

    public static Map<String, AttributeValue> toItem(MediaUpload upload) {
        return ItemWriter.of(MediaUploadKeys.grant(upload.objectKey()), MediaUploadKeys.ENTITY, SCHEMA_VERSION)
                .put(OBJECT_KEY, upload.objectKey())
                .put(PURPOSE, upload.purpose().value())
                .put("courseId", upload.courseId())
                .put("lessonId", upload.lessonId())
                .put("userId", upload.userId())
                .put("contentType", upload.contentType())
                .put("contentLength", upload.contentLength())
                .put("grantedTo", upload.grantedTo())
                .put(ItemWriter.CREATED_AT, upload.grantedAt())
                .put(ATTACHABLE_UNTIL, upload.attachableUntil())
                .put(ATTACHED_AT, upload.attachedAt())
                .put(TableDesign.TTL_ATTRIBUTE, upload.attachableUntil().plus(EXPIRY_AFTER_WINDOW).getEpochSecond())
                .build();
    }

    public static MediaUpload fromItem(Map<String, AttributeValue> item) {
        return new MediaUpload(
                Items.string(item, OBJECT_KEY),
                MediaPurpose.of(Items.string(item, PURPOSE)),
                Items.string(item, "courseId"),
                Items.string(item, "lessonId"),
                Items.string(item, "userId"),
                Items.string(item, "contentType"),
                Items.number(item, "contentLength", 0),
                Items.string(item, "grantedTo"),
                Items.instant(item, ItemWriter.CREATED_AT),
                Items.instant(item, ATTACHABLE_UNTIL),
                Items.instant(item, ATTACHED_AT));
    }
}
