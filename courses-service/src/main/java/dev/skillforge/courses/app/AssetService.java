package dev.skillforge.courses.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.course.Course;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.media.MediaPurpose;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.media.UploadGrant;
import dev.skillforge.media.UploadGrants;
import dev.skillforge.web.auth.Caller;

/**
 * Upload grants for course files, for the course's author and admins. The presigned PUT signs the content type and
 * length, so S3 refuses any other file; the grant is recorded, so only this course (and lesson) can attach the key.
 */
@ApplicationScoped
public class AssetService {

    @Inject
    CourseService courseService;

    @Inject
    LessonRepository lessons;

    @Inject
    UploadGrants uploads;

    public UploadGrant grantUpload(String courseId, String kind, String lessonId, String contentType, long contentLength, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        if ("cover".equals(kind)) {
            if (lessonId != null) {
                throw new InvalidInput("lessonId", "must be absent for a cover");
            }
            return uploads.grant(MediaPurpose.COVER, course.courseId(), null, null, contentType, contentLength, caller.userId());
        }
        if (lessonId == null) {
            throw new InvalidInput("lessonId", "is required for a lesson file");
        }
        String lesson = lessons.find(course.courseId(), Ids.require(lessonId, "lesson"))
                .orElseThrow(() -> new NotFound("No lesson with this id in this course.")).lessonId();
        return uploads.grant(MediaPurpose.LESSON_FILE, course.courseId(), lesson, null, contentType, contentLength, caller.userId());
    }
}
