package dev.skillforge.reviews.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseVisibility;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.web.observe.BusinessMetrics;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.data.problem.AccessDenied;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;

/**
 * Review rules: enrolled learners review a course once, authors edit and delete their own, admins delete any.
 * Ratings and the top-rated list are read from the aggregates the stream-processor keeps. A course the caller may not
 * see (CourseVisibility) answers as one that does not exist on every route here, its reviews and rating included.
 */
@ApplicationScoped
public class ReviewService {

    @Inject
    ReviewRepository reviews;

    @Inject
    CourseRepository courses;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    CourseStatsRepository stats;

    @Inject
    BusinessMetrics metrics;

    @Inject
    Clock clock;

    /**
     * One review per learner and course. Sending the same review again (rating, title and text) answers the stored one
     * (created false), as a retried request expects; a different one is a 409 that points to editing with PUT.
     */
    public Reviewed create(String courseId, ReviewEdit edit, Caller caller) {
        Course course = visible(courseId, caller);
        if (caller.owns(course.ownerId())) {
            throw new AccessDenied("Instructors cannot review their own course.");
        }
        if (!enrollments.isEnrolled(caller.userId(), course.courseId())) {
            throw new AccessDenied("Only learners enrolled in this course can review it.");
        }
        Instant now = now();
        Review review = new Review(course.courseId(), caller.userId(), edit.rating(), edit.title(), edit.text(), 1, now, now,
                caller.userId());
        ReviewRepository.Creation creation = reviews.createIfAbsent(review);
        if (creation == ReviewRepository.Creation.CREATED) {
            metrics.count(BusinessMetrics.REVIEWS);
            return new Reviewed(review, true);
        }
        if (creation == ReviewRepository.Creation.NOT_ENROLLED) {
            // unenrolled between the check above and the write: the transaction saw it
            throw new AccessDenied("Only learners enrolled in this course can review it.");
        }
        // Strongly consistent: the put just found it. Deleted meanwhile: the client may send it again.
        Review existing = reviews.find(course.courseId(), caller.userId())
                .orElseThrow(() -> Conflict.invalidState("This review changed while it was written. Try again."));
        if (existing.rating() == edit.rating() && Objects.equals(existing.title(), edit.title()) && Objects.equals(existing.text(), edit.text())) {
            return new Reviewed(existing, false);
        }
        throw Conflict.alreadyExists("You have already reviewed this course. Edit your review with PUT /reviews/" + course.courseId()
                + " and its version.");
    }

    /** Replaces the caller's review (rating, title, text: an omitted title or text is cleared). */
    public Review edit(String courseId, ReviewEdit edit, ExpectedVersion expected, Caller caller) {
        Review current = own(visibleForChange(courseId, caller), caller.userId());
        long version = expected.check(current.version());
        try {
            return reviews.update(current.edited(edit.rating(), edit.title(), edit.text(), now()), version);
        } catch (StaleVersion stale) {
            throw expected.stale(stale);
        }
    }

    /** The caller deletes their own review. */
    public void deleteOwn(String courseId, ExpectedVersion expected, Caller caller) {
        remove(visibleForChange(courseId, caller), caller.userId(), expected, caller);
    }

    /** One learner's review, for anyone who may see the course (as the course's review list is). */
    public Review one(String courseId, String userId, Caller caller) {
        Course course = visible(courseId, caller);
        return reviews.find(course.courseId(), Ids.require(userId, "user"))
                .orElseThrow(() -> new NotFound("No review by this user for this course."));
    }

    /** An admin deletes anyone's review; anyone else is refused (403) in a course they may see, else 404 as usual. */
    public void deleteAny(String courseId, String userId, ExpectedVersion expected, Caller caller) {
        Course course = visibleForChange(courseId, caller);
        if (!caller.isAdmin()) {
            throw new AccessDenied("Your role does not allow this action.");
        }
        remove(course, userId, expected, caller);
    }

    private void remove(Course course, String userId, ExpectedVersion expected, Caller caller) {
        Review current = own(course, userId);
        long version = expected.check(current.version());
        try {
            reviews.delete(course.courseId(), userId, version, caller.userId());
        } catch (StaleVersion stale) {
            throw expected.stale(stale);
        }
    }

    public Page<Review> ofCourse(String courseId, Caller caller, PageRequest page) {
        return reviews.newestFirst(visible(courseId, caller).courseId(), page);
    }

    public CourseStats rating(String courseId, Caller caller) {
        return stats.find(visible(courseId, caller).courseId());
    }

    /** The top-rated index, re-checked against the course items (one BatchGetItem a page). */
    public Page<RatedCourse> topRated(PageRequest page) {
        Page<CourseRank> ranked = stats.topRated(page);
        Map<String, Course> found = courses.findMany(ranked.items().stream().map(CourseRank::courseId).toList());
        List<RatedCourse> items = ranked.items().stream()
                .filter(s -> found.containsKey(s.courseId()) && found.get(s.courseId()).isPublished())
                .map(s -> new RatedCourse(found.get(s.courseId()), s))
                .toList();
        return new Page<>(items, ranked.nextCursor());
    }

    /** A course the caller may see ({@code caller} null: a visitor); any other answers as one that does not exist. */
    private Course visible(String courseId, Caller caller) {
        return visibleIn(courses.find(Ids.require(courseId, "course")), caller);
    }

    /**
     * The same, read eventually consistent (half the units) for changing a review that exists: a course unpublished a
     * moment ago may still let its reviewer edit or delete their own review, which is harmless; the review's version
     * condition keeps the write exact.
     */
    private Course visibleForChange(String courseId, Caller caller) {
        return visibleIn(courses.findEventually(Ids.require(courseId, "course")), caller);
    }

    private Course visibleIn(Optional<Course> found, Caller caller) {
        Course course = found.orElseThrow(CourseVisibility::notFound);
        boolean visible = CourseVisibility.visible(course, caller == null ? null : caller.userId(), caller != null && caller.isAdmin(),
                () -> enrollments.isEnrolled(caller.userId(), course.courseId()));
        if (!visible) {
            throw CourseVisibility.notFound();
        }
        return course;
    }

    private Review own(Course course, String userId) {
        return reviews.find(course.courseId(), Ids.require(userId, "user"))
                .orElseThrow(() -> new NotFound("No review by this user for this course."));
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
