package dev.skillforge.data.media;

import dev.skillforge.data.keys.AccessPattern;
import dev.skillforge.data.keys.Key;

/** Upload grants live in their own partition per object key: the only question asked of them is "this key's grant?". */
public final class MediaUploadKeys {

    public static final String ENTITY = "mediaUpload";
    public static final String PARTITION_PREFIX = "upload#";
    public static final String GRANT = "grant";

    public static final AccessPattern GRANT_OF_KEY = new AccessPattern(ENTITY, "the upload grant of an object key", "GetItem",
            AccessPattern.TABLE, "PK = upload#<objectKey> AND SK = grant",
            "PutItem (attribute_not_exists) by POST /courses/{courseId}/assets and POST /me/avatar; strongly consistent GetItem when "
                    + "PUT /courses/{courseId}, PUT /courses/{courseId}/lessons/{lessonId} or PUT /me attach a new key; expires by TTL "
                    + "an hour after its attach window, and the stream deletes the object then unless it is attached");

    private MediaUploadKeys() {
    }

    public static Key grant(String objectKey) {
        return new Key(PARTITION_PREFIX + objectKey, GRANT);
    }
}
