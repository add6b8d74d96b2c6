package dev.skillforge.courses.app;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;

/**
 * Course rules: who may see and change a course, and its life cycle. The search index is not written here: the
 * stream-processor derives it from each course change (SearchIndexer), so searches find a change a moment after it.
 */
@ApplicationScoped
public class CourseService {

    private static final String DEFAULT_LEVEL = "all-levels";

    @Inject
    CourseRepository courses;

    @Inject
    LessonRepository lessons;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    Clock clock;

    public Page<Course> listPublished(String category, PageRequest page) {
        if (category == null) {
            return courses.listPublishedNewestFirst(page);
        }
        return courses.listPublishedInCategory(category, page);
    }

    /** A course the caller may see: published, or theirs, or an admin's view, or one they are enrolled in. */
    public Course visible(String courseId, Caller caller) {
        // a visitor reads eventually consistent (half the units); a signed-in caller may be its author reading their edit
        String id = Ids.require(courseId, "course");
        Course course = (caller == null ? courses.findEventually(id) : courses.find(id)).orElseThrow(CourseService::notFound);
        if (course.isPublished() || canAuthor(caller, course)) {
            return course;
        }
        if (caller != null && course.status() == CourseStatus.UNPUBLISHED && enrollments.isEnrolled(caller.userId(), courseId)) {
            return course;
        }
        throw notFound();
    }

    /** A course the caller may change (owner or admin); others get 403 when they can see it, 404 when not. */
    public Course authored(String courseId, Caller caller) {
        Course course = courses.find(Ids.require(courseId, "course")).orElseThrow(CourseService::notFound);
        if (!canAuthor(caller, course)) {
            if (!course.isPublished()) {
                throw notFound();
            }
            caller.requireOwnerOrAdmin(course.ownerId(), "course");
        }
        return course;
    }

    public Course create(CourseEdit edit, Caller caller) {
        Instant now = now();
        Course course = new Course(Ids.newId(), caller.userId(), edit.title(), edit.description(), edit.category(),
                edit.tags(), edit.level() == null ? DEFAULT_LEVEL : edit.level(), null, CourseStatus.DRAFT, 1,
                now, now, caller.userId(), null);
        checkCoverKey(course.courseId(), edit.coverImageKey());
        courses.create(course);
        return course;
    }

    public Course update(String courseId, CourseEdit edit, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        long version = expected.required();
        checkCoverKey(courseId, edit.coverImageKey());
        Course after = before.edited(edit.title(), edit.description(), edit.category(), edit.tags(),
                edit.level() == null ? before.level() : edit.level(), edit.coverImageKey(), now(), caller.userId());
        return write(after, version, expected);
    }

    public Course publish(String courseId, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        if (before.isPublished()) {
            throw Conflict.invalidState("The course is already published.");
        }
        if (lessons.outline(courseId, true).lessons().isEmpty()) {
            throw Conflict.invalidState("A course needs at least one lesson before it can be published.");
        }
        Course after = before.withStatus(CourseStatus.PUBLISHED, now(), caller.userId());
        try {
            // the outline is checked again in the publish's own transaction: a lesson deleted meanwhile cannot slip through
            courses.publish(after, expected.orElse(before.version()));
        } catch (StaleVersion stale) {
            throw expected.translate(stale);
        }
        return after;
    }

    public Course unpublish(String courseId, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        if (!before.isPublished()) {
            throw Conflict.invalidState("Only a published course can be unpublished.");
        }
        return write(before.withStatus(CourseStatus.UNPUBLISHED, now(), caller.userId()), expected.orElse(before.version()), expected);
    }

    /**
     * Deletes the course item (conditional on its version): from that moment every read of the course, its outline or a
     * lesson answers 404. That is all the request does, however large the course: its search postings, lessons, reviews,
     * enrollments and learners' progress are removed by the stream-processor (the search index, then the course cascade
     * in bounded, checkpointed steps; docs/data-model.md).
     */
    public void delete(String courseId, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        try {
            courses.delete(courseId, expected.orElse(before.version()), caller.userId());
        } catch (StaleVersion stale) {
            throw expected.translate(stale);
        }
    }

    public boolean canAuthor(Caller caller, Course course) {
        return caller != null && (caller.isAdmin() || caller.owns(course.ownerId()));
    }

    private Course write(Course after, long expectedVersion, ExpectedVersion expected) {
        try {
            courses.update(after, expectedVersion);
        } catch (StaleVersion stale) {
            throw expected.translate(stale);
        }
        return after;
    }

    private static void checkCoverKey(String courseId, String coverImageKey) {
        if (coverImageKey != null && !coverImageKey.startsWith("courses/" + courseId + "/cover/")) {
            throw new InvalidInput("coverImageKey", "must be a cover key issued for this course");
        }
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }

    static NotFound notFound() {
        return new NotFound("No course with this id.");
    }
}
