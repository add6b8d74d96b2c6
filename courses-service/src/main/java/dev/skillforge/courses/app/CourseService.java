package dev.skillforge.courses.app;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.Role;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.course.CourseVisibility;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.media.MediaPurpose;
import dev.skillforge.media.UploadGrants;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.data.problem.AccessDenied;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.web.validation.ObjectKeys;

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
    UploadGrants uploads;

    @Inject
    Clock clock;

    public Page<Course> listPublished(String category, PageRequest page) {
        if (category == null) {
            return courses.listPublishedNewestFirst(page);
        }
        return courses.listPublishedInCategory(category, page);
    }

    /** A course the caller may see (CourseVisibility); any other answers as one that does not exist. */
    public Course visible(String courseId, Caller caller) {
        // a visitor reads eventually consistent (half the units); a signed-in caller may be its author reading their edit
        String id = Ids.require(courseId, "course");
        Course course = (caller == null ? courses.findEventually(id) : courses.find(id)).orElseThrow(CourseService::notFound);
        if (!isVisible(course, caller)) {
            throw notFound();
        }
        return course;
    }

    /** The visibility rule for this caller; the enrollment is read only for an unpublished course of someone else. */
    public boolean isVisible(Course course, Caller caller) {
        return CourseVisibility.visible(course, caller == null ? null : caller.userId(), caller != null && caller.isAdmin(),
                () -> enrollments.isEnrolled(caller.userId(), course.courseId()));
    }

    /**
     * A course the caller may change: its owner (an instructor) or an admin. Anyone else gets 404 when they may not see
     * it, as for a course that does not exist, and 403 when they may: the role is checked after visibility, so a learner
     * learns nothing about a draft either.
     */
    public Course authored(String courseId, Caller caller) {
        Course course = courses.find(Ids.require(courseId, "course")).orElseThrow(CourseService::notFound);
        if (caller.isAdmin() || (caller.hasRole(Role.INSTRUCTOR) && caller.owns(course.ownerId()))) {
            return course;
        }
        if (!isVisible(course, caller)) {
            throw notFound();
        }
        if (!caller.hasRole(Role.INSTRUCTOR)) {
            throw new AccessDenied("Your role does not allow this action.");
        }
        throw new AccessDenied("Only the owner of this course or an admin may do this.");
    }

    public Course create(CourseEdit edit, Caller caller) {
        Instant now = now();
        Course course = new Course(Ids.newId(), caller.userId(), edit.title(), edit.description(), edit.category(),
                edit.tags(), edit.level() == null ? DEFAULT_LEVEL : edit.level(), null, CourseStatus.DRAFT, 1,
                now, now, caller.userId(), null);
        // A new course has no grants yet: any key is refused here (upload the cover once the course exists).
        coverKey(course.courseId(), edit.coverImageKey(), null);
        courses.create(course);
        return course;
    }

    /**
     * Replaces the course's editable fields with the request's: an omitted optional field gets what a new course gets
     * (no description, tags or cover; level all-levels), never the old value.
     */
    public Course update(String courseId, CourseEdit edit, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        long version = expected.check(before.version());
        String coverKey = coverKey(courseId, edit.coverImageKey(), before.coverImageKey());
        Course after = before.edited(edit.title(), edit.description(), edit.category(), edit.tags(),
                edit.level() == null ? DEFAULT_LEVEL : edit.level(), coverKey, now(), caller.userId());
        Course written = write(after, version, expected);
        uploads.attached(coverKey, before.coverImageKey());
        return written;
    }

    public Course publish(String courseId, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        long version = expected.check(before.version());
        if (before.isPublished()) {
            throw Conflict.invalidState("The course is already published.");
        }
        if (lessons.outline(courseId, true).lessons().isEmpty()) {
            throw Conflict.invalidState("A course needs at least one lesson before it can be published.");
        }
        Course after = before.withStatus(CourseStatus.PUBLISHED, now(), caller.userId());
        try {
            // the outline is checked again in the publish's own transaction: a lesson deleted meanwhile cannot slip through
            courses.publish(after, version);
        } catch (StaleVersion stale) {
            throw expected.stale(stale);
        }
        return after;
    }

    public Course unpublish(String courseId, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        long version = expected.check(before.version());
        if (!before.isPublished()) {
            throw Conflict.invalidState("Only a published course can be unpublished.");
        }
        return write(before.withStatus(CourseStatus.UNPUBLISHED, now(), caller.userId()), version, expected);
    }

    /**
     * Deletes the course item (conditional on its version): from that moment every read of the course, its outline or a
     * lesson answers 404. That is all the request does, however large the course: its search postings, lessons, reviews,
     * enrollments and learners' progress are removed by the stream-processor (the search index, then the course cascade
     * in bounded, checkpointed steps; docs/data-model.md).
     */
    public void delete(String courseId, ExpectedVersion expected, Caller caller) {
        Course before = authored(courseId, caller);
        long version = expected.check(before.version());
        try {
            courses.delete(courseId, version, caller.userId());
        } catch (StaleVersion stale) {
            throw expected.stale(stale);
        }
    }

    public boolean canAuthor(Caller caller, Course course) {
        return caller != null && (caller.isAdmin() || caller.owns(course.ownerId()));
    }

    private Course write(Course after, long expectedVersion, ExpectedVersion expected) {
        try {
            courses.update(after, expectedVersion);
        } catch (StaleVersion stale) {
            throw expected.stale(stale);
        }
        return after;
    }

    /**
     * The key in its canonical form, if it names a cover of this course (as POST /courses/{courseId}/assets issues them) that was
     * uploaded as granted; the course's current cover passes as it is.
     */
    private String coverKey(String courseId, String coverImageKey, String current) {
        String key = ObjectKeys.requireUnder("coverImageKey", coverImageKey, UploadGrants.prefix(MediaPurpose.COVER, courseId, null, null),
                "must be a cover key issued for this course");
        return uploads.attachable("coverImageKey", key, current, MediaPurpose.COVER, courseId, null, null);
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }

    static NotFound notFound() {
        return CourseVisibility.notFound();
    }
}
