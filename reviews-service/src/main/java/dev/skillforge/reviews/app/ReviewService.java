package dev.skillforge.reviews.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.aggregate.CourseRank;
import dev.skillforge.data.aggregate.CourseStats;
import dev.skillforge.data.aggregate.CourseStatsRepository;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.web.observe.BusinessMetrics;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.AccessDenied;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.review.Review;
import dev.skillforge.data.review.ReviewRepository;

/**
 * Review rules: enrolled learners review a course once, authors edit and delete their own, admins delete any.
 * Ratings and the top-rated list are read from the aggregates the stream-processor keeps.
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
        Course course = reviewable(courseId);
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

    public Review edit(String courseId, ReviewEdit edit, long expectedVersion, Caller caller) {
        Review current = own(courseId, caller.userId());
        return reviews.update(current.edited(edit.rating(), edit.title(), edit.text(), now()), expectedVersion);
    }

    /** Deletes a review: its author may, and admins may delete anyone's. */
    public void delete(String courseId, String userId, Caller caller) {
        if (!caller.owns(userId) && !caller.isAdmin()) {
            throw new AccessDenied("Only the author of this review or an admin may delete it.");
        }
        Review current = own(courseId, userId);
        reviews.delete(courseId, userId, current.version(), caller.userId());
    }

    public Page<Review> ofCourse(String courseId, PageRequest page) {
        return reviews.newestFirst(reviewable(courseId).courseId(), page);
    }

    public CourseStats rating(String courseId) {
        return stats.find(reviewable(courseId).courseId());
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

    /** A course that exists and is (or was) public: drafts have no reviews. */
    private Course reviewable(String courseId) {
        Course course = courses.find(Ids.require(courseId, "course")).orElseThrow(() -> new NotFound("No course with this id."));
        if (course.status() == CourseStatus.DRAFT) {
            throw new NotFound("No course with this id.");
        }
        return course;
    }

    private Review own(String courseId, String userId) {
        return reviews.find(Ids.require(courseId, "course"), Ids.require(userId, "user"))
                .orElseThrow(() -> new NotFound("No review by this user for this course."));
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
