package dev.skillforge.data.media;

import java.time.Instant;

/**
 * A grant to upload one object: who may put which file (type, exact size) under which key, for what. The key can be
 * attached (set as a cover, lesson file or avatar) only while its grant is on record and only to what the grant names;
 * {@code attachableUntil} ends that, and the grant item expires an hour later, when the stream deletes the object unless it
 * was attached. {@code attachedAt}: when the key was first attached; a key attaches once, so a replaced file, which the
 * stream deletes, can never come back.
 *
 * @param courseId the course of a cover or lesson file; null for an avatar
 * @param lessonId the lesson of a lesson file; null otherwise
 * @param userId   whose avatar; null otherwise
 */
public record MediaUpload(
        String objectKey,
        MediaPurpose purpose,
        String courseId,
        String lessonId,
        String userId,
        String contentType,
        long contentLength,
        String grantedTo,
        Instant grantedAt,
        Instant attachableUntil,
        Instant attachedAt) {

    /** Whether this grant is for exactly the object a caller wants to attach, and still attachable at {@code now}. */
    public boolean grants(MediaPurpose wanted, String wantedCourseId, String wantedLessonId, String wantedUserId) {
        return purpose == wanted && java.util.Objects.equals(courseId, wantedCourseId)
                && java.util.Objects.equals(lessonId, wantedLessonId) && java.util.Objects.equals(userId, wantedUserId);
    }
}
