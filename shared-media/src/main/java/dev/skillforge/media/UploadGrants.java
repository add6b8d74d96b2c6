package dev.skillforge.media;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.config.SkillForgeConfig;

import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.media.MediaPurpose;
import dev.skillforge.data.media.MediaUpload;
import dev.skillforge.data.media.MediaUploadRepository;
import dev.skillforge.data.problem.InvalidInput;
import io.quarkus.logging.Log;

/**
 * Upload grants and the attach checks that make a stored key a real upload. A grant is recorded in the table before its
 * URL is handed out; an attach then accepts a key only if (1) its grant is on record, for exactly this course and
 * lesson (or this user's avatar), and still inside its attach window, (2) the object exists, with the granted type and
 * size, (3) its first bytes are a file of that type, and (4) it was never attached before. So no key can be attached that
 * this platform did not grant for that place, nothing but the granted file can sit behind it, and a file once replaced
 * (which the stream then deletes) cannot come back. {@link #attached} marks (4) once the owner's write succeeded.
 */
@ApplicationScoped
public class UploadGrants {

    private final MediaUploadRepository grants;
    private final ObjectStore store;
    private final SkillForgeConfig.Assets config;
    private final Clock clock;

    @Inject
    public UploadGrants(MediaUploadRepository grants, ObjectStore store, SkillForgeConfig config, Clock clock) {
        this.grants = grants;
        this.store = store;
        this.config = config.assets();
        this.clock = clock;
    }

    /** Where a purpose's objects go: the key prefix of a course's cover, a lesson's files, a user's avatar. */
    public static String prefix(MediaPurpose purpose, String courseId, String lessonId, String userId) {
        return switch (purpose) {
            case COVER -> "courses/" + courseId + "/cover/";
            case LESSON_FILE -> "courses/" + courseId + "/lessons/" + lessonId + "/";
            case AVATAR -> "users/" + userId + "/avatar/";
        };
    }

    /**
     * Grants one upload: checks the type and size against the purpose's rules (400 naming the field), records the grant,
     * then presigns the PUT. The caller has checked that {@code grantedTo} may change the course, lesson or profile.
     */
    public UploadGrant grant(MediaPurpose purpose, String courseId, String lessonId, String userId, String contentType,
            long contentLength, String grantedTo) {
        String extension = MediaTypes.extension(purpose, contentType).orElseThrow(() -> new InvalidInput("contentType",
                "must be one of " + String.join(", ", MediaTypes.accepted(purpose))));
        long max = maxBytes(purpose);
        if (contentLength > max) {
            throw new InvalidInput("contentLength", "must be at most " + max + " bytes");
        }
        Instant now = Timestamps.millis(clock.instant());
        String key = prefix(purpose, courseId, lessonId, userId) + Ids.newId() + "." + extension;
        MediaUpload upload = new MediaUpload(key, purpose, courseId, lessonId, userId, contentType, contentLength, grantedTo, now,
                now.plus(config.attachWindow()), null);
        grants.record(upload);
        String url = store.presignPut(key, contentType, contentLength, config.uploadExpiry()).toString();
        return new UploadGrant(key, url, "PUT", Map.of("Content-Type", contentType, "Content-Length", Long.toString(contentLength),
                "If-None-Match", "*"),
                now.plus(config.uploadExpiry()), upload.attachableUntil());
    }

    /**
     * The key to store, checked as the class comment says; {@code current} (what the object holds now) passes unchecked, so
     * saving an unchanged key costs no read. {@code key} is already in canonical form; {@code field} names it in errors.
     */
    public String attachable(String field, String key, String current, MediaPurpose purpose, String courseId, String lessonId,
            String userId) {
        if (key == null || key.equals(current)) {
            return key;
        }
        String place = switch (purpose) {
            case COVER -> "a cover granted for this course";
            case LESSON_FILE -> "a file granted for this lesson";
            case AVATAR -> "an avatar granted to you";
        };
        if (!key.startsWith(prefix(purpose, courseId, lessonId, userId))) {
            throw new InvalidInput(field, "must be " + place);
        }
        MediaUpload upload = grants.find(key).filter(found -> found.grants(purpose, courseId, lessonId, userId))
                .orElseThrow(() -> new InvalidInput(field, "must be " + place));
        if (upload.attachedAt() != null) {
            throw new InvalidInput(field, "names a file that was attached before and replaced: upload it again");
        }
        if (!clock.instant().isBefore(upload.attachableUntil())) {
            throw new InvalidInput(field, "was granted more than " + config.attachWindow().toHours()
                    + " hours ago: request a new upload");
        }
        ObjectStore.ObjectHead head = store.head(key, MediaTypes.SNIFF_BYTES)
                .orElseThrow(() -> new InvalidInput(field, "names no uploaded file: PUT the file to the granted URL first"));
        if (!Objects.equals(head.contentType(), upload.contentType()) || head.size() != upload.contentLength()) {
            throw new InvalidInput(field, "names a file that is not the granted " + upload.contentType() + " of "
                    + upload.contentLength() + " bytes");
        }
        if (!MediaTypes.looksLike(upload.contentType(), head.firstBytes())) {
            throw new InvalidInput(field, "names a file whose content is not " + upload.contentType());
        }
        return key;
    }

    /**
     * Records that {@code key} is now attached (after the write that attached it succeeded, so a refused write leaves the
     * grant usable for its retry). Nothing for an unchanged or absent key.
     */
    public void attached(String key, String previous) {
        if (key != null && !key.equals(previous)) {
            try {
                grants.markAttached(key, clock.instant());
            } catch (RuntimeException e) {
                // The owner's write is done: answer it. Unmarked, the key could be attached again later; cleanup reads the
                // owner before deleting, so only a re-attach racing that read could lose its file.
                Log.warnf(e, "Could not mark %s as attached", key);
            }
        }
    }

    private long maxBytes(MediaPurpose purpose) {
        return switch (purpose) {
            case COVER -> config.maxCoverBytes();
            case LESSON_FILE -> config.maxLessonFileBytes();
            case AVATAR -> config.maxAvatarBytes();
        };
    }
}
