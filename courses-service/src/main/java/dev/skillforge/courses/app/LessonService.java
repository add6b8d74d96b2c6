package dev.skillforge.courses.app;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.media.MediaPurpose;
import dev.skillforge.media.UploadGrants;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.ServiceUnavailable;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.web.validation.ObjectKeys;

/** Lesson rules: who sees what of the outline, authoring, ordering. */
@ApplicationScoped
public class LessonService {

    /** The outline is one item read on every progress request: this keeps it a few kilobytes (docs/capacity.md). */
    static final int MAX_LESSONS_PER_COURSE = 200;
    /** A lesson write retries when the outline changed under it (a reorder, another lesson added): rare, short. */
    private static final int WRITE_ATTEMPTS = 3;

    @Inject
    CourseService courseService;

    @Inject
    LessonRepository lessons;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    UploadGrants uploads;

    @Inject
    Clock clock;

    /** Everyone who can see the course sees the outline (one item, never lesson content); authors read it strongly. */
    public Outline outline(String courseId, Caller caller) {
        Course course = courseService.visible(courseId, caller);
        Outline.Access access = access(course, caller);
        return new Outline(course, lessons.outline(course.courseId(), access == Outline.Access.AUTHOR), access);
    }

    /**
     * One lesson: its content for enrolled learners and authors (the lesson item, the only one read); for everyone else
     * its outline entry (the small outline item, eventually consistent), so a public, cacheable route never reads content.
     */
    public LessonRead lesson(String courseId, String lessonId, Caller caller) {
        Course course = courseService.visible(courseId, caller);
        Outline.Access access = access(course, caller);
        String id = Ids.require(lessonId, "lesson");
        if (access == Outline.Access.OUTLINE) {
            CourseOutline outline = lessons.outline(course.courseId(), false);
            int index = outline.indexOf(id);
            if (index < 0) {
                throw notFound();
            }
            return new LessonRead(null, outline.lessons().get(index), index + 1, access);
        }
        Lesson lesson = (access == Outline.Access.AUTHOR ? lessons.find(course.courseId(), id) : lessons.findEventually(course.courseId(), id))
                .orElseThrow(LessonService::notFound);
        return new LessonRead(lesson, null, null, access);
    }

    /** A lesson as one caller may see it: the lesson read whole, or only its outline entry at its position. */
    public record LessonRead(Lesson lesson, CourseOutline.Entry entry, Integer position, Outline.Access access) {
    }

    private Outline.Access access(Course course, Caller caller) {
        if (courseService.canAuthor(caller, course)) {
            return Outline.Access.AUTHOR;
        }
        if (caller != null && enrollments.isEnrolled(caller.userId(), course.courseId())) {
            return Outline.Access.CONTENT;
        }
        return Outline.Access.OUTLINE;
    }

    /** Appends a lesson; the cap holds atomically (the outline's condition), whoever else adds lessons at the moment. */
    public Lesson add(String courseId, LessonEdit edit, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        // A new lesson has no grants yet: any key is refused here (upload its file once the lesson exists).
        String videoKey = videoKey(course.courseId(), null, edit.videoKey(), null);
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            CourseOutline current = lessons.outline(course.courseId(), true);
            if (current.lessons().size() >= MAX_LESSONS_PER_COURSE) {
                throw tooManyLessons();
            }
            Instant now = now();
            Lesson lesson = new Lesson(course.courseId(), Ids.newId(), current.lessons().size() + 1, edit.title(), edit.summary(),
                    edit.content(), videoKey, edit.durationMinutes(), edit.quiz(), 1, now, now, caller.userId());
            try {
                lessons.add(lesson, current, MAX_LESSONS_PER_COURSE, caller.userId());
                return lesson;
            } catch (LessonRepository.Refused refused) {
                switch (refused.refusal()) {
                    case COURSE_RULE -> throw tooManyLessons();
                    case LESSON -> throw Conflict.alreadyExists("A lesson with this id already exists.");
                    case COURSE_GONE -> throw new NotFound("No course with this id.");
                    case OUTLINE, CONFLICT -> {
                        // the course's first lessons were added at the same moment, or another write held the outline
                    }
                }
            }
        }
        throw busy();
    }

    public Lesson edit(String courseId, String lessonId, LessonEdit edit, ExpectedVersion expected, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        Lesson before = lessons.find(course.courseId(), Ids.require(lessonId, "lesson")).orElseThrow(LessonService::notFound);
        long version = expected.check(before.version());
        String videoKey = videoKey(course.courseId(), before.lessonId(), edit.videoKey(), before.videoKey());
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            CourseOutline outline = lessons.outline(course.courseId(), true);
            int index = outline.indexOf(before.lessonId());
            if (index < 0) {
                throw notFound();
            }
            Lesson after = before.edited(edit.title(), edit.summary(), edit.content(), videoKey, edit.durationMinutes(),
                    edit.quiz(), now(), caller.userId()).movedTo(index + 1);
            try {
                Lesson written = lessons.update(after, version, outline);
                uploads.attached(videoKey, before.videoKey());
                return written;
            } catch (LessonRepository.Refused refused) {
                if (refused.refusal() == LessonRepository.Refusal.LESSON) {
                    throw expected.stale(staleOrGone(course.courseId(), before.lessonId(), version));
                }
                // the outline moved (a reorder, another lesson added or removed): read it again
            }
        }
        throw busy();
    }

    /**
     * The seed's PUT /lessons/{lessonId}: the course is found from the lesson id alone. The path names no course, so every 404
     * is the lesson's: a lesson of a course the caller may not see answers exactly as one that does not exist.
     */
    public Lesson editById(String lessonId, LessonEdit edit, ExpectedVersion expected, Caller caller) {
        String courseId = lessons.findCourseIdOfLesson(Ids.require(lessonId, "lesson")).orElseThrow(LessonService::notFound);
        try {
            return edit(courseId, lessonId, edit, expected, caller);
        } catch (NotFound hidden) {
            throw notFound();
        }
    }

    /** Deletes a lesson; a published course keeps at least one, checked on the course in the same transaction. */
    public void delete(String courseId, String lessonId, ExpectedVersion expected, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        Lesson lesson = lessons.find(course.courseId(), Ids.require(lessonId, "lesson")).orElseThrow(LessonService::notFound);
        long version = expected.check(lesson.version());
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            CourseOutline outline = lessons.outline(course.courseId(), true);
            if (outline.indexOf(lesson.lessonId()) < 0) {
                throw notFound();
            }
            if (course.isPublished() && outline.lessons().size() == 1) {
                throw lastLesson();
            }
            try {
                lessons.delete(course.courseId(), lesson.lessonId(), version, outline, caller.userId());
                return;
            } catch (StaleVersion stale) {
                throw expected.stale(stale);
            } catch (LessonRepository.Refused refused) {
                switch (refused.refusal()) {
                    case LESSON -> throw expected.stale(staleOrGone(course.courseId(), lesson.lessonId(), version));
                    case COURSE_RULE -> throw lastLesson();
                    case OUTLINE, CONFLICT, COURSE_GONE -> {
                        // another lesson was added or removed, or another write held an item: read the outline again
                    }
                }
            }
        }
        throw busy();
    }

    /**
     * Puts the lessons in the given order, which must name every lesson exactly once: one write of the outline, only
     * while it is still the version the author named (the outline's ETag, or its {@code version}).
     */
    public Outline reorder(String courseId, List<String> lessonIds, ExpectedVersion expected, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        CourseOutline current = lessons.outline(course.courseId(), true);
        expected.check(current.version());
        Map<String, CourseOutline.Entry> byId = new HashMap<>();
        current.lessons().forEach(entry -> byId.put(entry.lessonId(), entry));
        if (lessonIds.size() != byId.size() || !byId.keySet().equals(new HashSet<>(lessonIds))) {
            throw new InvalidInput("lessonIds", "must list every lesson of the course exactly once");
        }
        List<CourseOutline.Entry> order = lessonIds.stream().map(byId::get).toList();
        try {
            return new Outline(course, lessons.reorder(current, order, now(), caller.userId()), Outline.Access.AUTHOR);
        } catch (LessonRepository.Refused refused) {
            CourseOutline now = lessons.outline(course.courseId(), true);
            throw expected.stale(new StaleVersion(current.version(), now.version()));
        }
    }

    /** After a refused lesson condition: gone is a 404 (thrown), otherwise the caller's version was stale. */
    private StaleVersion staleOrGone(String courseId, String lessonId, long expectedVersion) {
        Lesson current = lessons.find(courseId, lessonId).orElseThrow(LessonService::notFound);
        return new StaleVersion(expectedVersion, current.version());
    }

    private static Conflict tooManyLessons() {
        return Conflict.invalidState("A course can have at most " + MAX_LESSONS_PER_COURSE + " lessons.");
    }

    private static Conflict lastLesson() {
        return Conflict.invalidState("A published course keeps at least one lesson. Unpublish it first.");
    }

    /** The outline kept changing under the write: a 503 with Retry-After, nothing written. */
    private static ServiceUnavailable busy() {
        return new ServiceUnavailable(1);
    }

    /**
     * The key in its canonical form, if it names a file of this lesson (as POST /courses/{courseId}/assets issues them) that was
     * uploaded as granted; the lesson's current file passes as it is. {@code lessonId} null: a lesson not yet added.
     */
    private String videoKey(String courseId, String lessonId, String videoKey, String current) {
        String key = ObjectKeys.requireUnder("videoKey", videoKey, "courses/" + courseId + "/lessons/",
                "must be a lesson file key issued for this course");
        if (key != null && lessonId == null) {
            throw new InvalidInput("videoKey", "must be a file granted for this lesson: add the lesson first, then upload its file");
        }
        return uploads.attachable("videoKey", key, current, MediaPurpose.LESSON_FILE, courseId, lessonId, null);
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }

    static NotFound notFound() {
        return new NotFound("No lesson with this id in this course.");
    }
}
