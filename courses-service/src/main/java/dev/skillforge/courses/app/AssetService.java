package dev.skillforge.courses.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Upload grants for course files. The presigner signs locally (no network call); content type and length
 * are part of the signature, so S3 refuses a different file than the one granted.
 */
@ApplicationScoped
public class AssetService {

    /** Cover images, shown in the catalog. */
    static final Map<String, String> COVER_TYPES = Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp", "webp");
    /** Lesson files: video, audio, documents and images. */
    static final Map<String, String> LESSON_FILE_TYPES = Map.of("video/mp4", "mp4", "video/webm", "webm", "audio/mpeg", "mp3",
            "application/pdf", "pdf", "image/jpeg", "jpg", "image/png", "png");

    @Inject
    CourseService courseService;

    @Inject
    LessonRepository lessons;

    @Inject
    S3Presigner presigner;

    @Inject
    AssetsConfig config;

    @Inject
    Clock clock;

    public AssetUpload grantUpload(String courseId, String kind, String lessonId, String contentType, long contentLength, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        String key;
        if ("cover".equals(kind)) {
            check(COVER_TYPES, contentType, contentLength, config.maxCoverBytes());
            key = "courses/" + course.courseId() + "/cover/" + Ids.newId() + "." + COVER_TYPES.get(contentType);
        } else {
            if (lessonId == null) {
                throw new InvalidInput("lessonId", "is required for a lesson file");
            }
            lessons.find(course.courseId(), Ids.require(lessonId, "lesson"))
                    .orElseThrow(() -> new NotFound("No lesson with this id in this course."));
            check(LESSON_FILE_TYPES, contentType, contentLength, config.maxLessonFileBytes());
            key = "courses/" + course.courseId() + "/lessons/" + lessonId + "/" + Ids.newId() + "." + LESSON_FILE_TYPES.get(contentType);
        }
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(key)
                .contentType(contentType)
                .contentLength(contentLength)
                .build();
        PresignedPutObjectRequest presigned = presigner.presignPutObject(b -> b.signatureDuration(config.uploadExpiry())
                .putObjectRequest(put));
        Instant expiresAt = clock.instant().plus(config.uploadExpiry());
        return new AssetUpload(key, presigned.url().toString(), "PUT",
                Map.of("Content-Type", contentType, "Content-Length", Long.toString(contentLength)), expiresAt);
    }

    private static void check(Map<String, String> allowed, String contentType, long contentLength, long maxBytes) {
        if (!allowed.containsKey(contentType)) {
            throw new InvalidInput("contentType", "must be one of " + String.join(", ", allowed.keySet().stream().sorted().toList()));
        }
        if (contentLength > maxBytes) {
            throw new InvalidInput("contentLength", "must be at most " + maxBytes + " bytes");
        }
    }
}
