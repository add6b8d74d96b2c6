package dev.skillforge.enrollments.app;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseStatus;
import dev.skillforge.data.course.CourseVisibility;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.web.observe.BusinessMetrics;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.data.problem.AccessDenied;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.data.user.UserProfileRepository;

/**
 * Enrollment rules: only published courses, once per user, own enrollments only (admins may act for anyone). A course
 * the caller may not see (CourseVisibility) answers as one that does not exist on every route here.
 */
@ApplicationScoped
public class EnrollmentService {

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    CourseRepository courses;

    @Inject
    UserProfileRepository profiles;

    @Inject
    ProfileService profileService;

    @Inject
    BusinessMetrics metrics;

    @Inject
    Clock clock;

    /**
     * Enrolls the caller; enrolling again answers the existing enrollment (created false), so a client that retries
     * after a timeout gets what it asked for instead of an error.
     */
    public Enrolled enroll(String courseId, Caller caller) {
        Ids.require(courseId, "course");
        // eventually consistent first (half the units); a course that looks closed is read again strongly before refusing
        Course course = courses.findEventually(courseId).filter(EnrollmentService::open)
                .or(() -> courses.find(courseId)).orElseThrow(EnrollmentService::noCourse);
        requireOpen(course, caller);
        profileService.ensure(caller);
        Enrollment enrollment = new Enrollment(caller.userId(), course.courseId(), Timestamps.millis(clock.instant()), null,
                caller.userId());
        if (enrollments.createIfAbsent(enrollment)) {
            // Not a transaction with a check on the course item: every enrollment of a viral course would conflict on that
            // one item. Instead the course is read strongly after the write: an unpublish or delete that committed before
            // this read is seen and the enrollment undone; one that commits after it found the enrollment already there
            // (a delete's cascade removes it; an unpublished course keeps its learners). A crash between the two is
            // caught by the stream (OrphanEnrollments).
            Optional<Course> after = courses.find(course.courseId());
            if (after.isEmpty() || !open(after.get())) {
                enrollments.delete(caller.userId(), course.courseId(), caller.userId());
                requireOpen(after.orElseThrow(EnrollmentService::noCourse), caller);
            }
            metrics.count(BusinessMetrics.ENROLLMENTS);
            return new Enrolled(new EnrolledCourse(enrollment, course), true);
        }
        // Read strongly consistent: the put just found it. Gone again means a concurrent unenroll won; the client may retry.
        Enrollment existing = enrollments.find(caller.userId(), course.courseId())
                .orElseThrow(() -> Conflict.invalidState("This enrollment changed while enrolling. Try again."));
        return new Enrolled(new EnrolledCourse(existing, course), false);
    }

    private static boolean open(Course course) {
        return course.status() == CourseStatus.PUBLISHED;
    }

    /** A course that is not open: 404 unless the caller may see it (its owner, an admin, a learner still enrolled), then 409. */
    private void requireOpen(Course course, Caller caller) {
        if (open(course)) {
            return;
        }
        if (!visible(course, caller)) {
            throw noCourse();
        }
        throw Conflict.invalidState("This course is not open for enrollment.");
    }

    /**
     * Removes an enrollment; progress records stay, so enrolling again picks up where the user left off. Someone else's
     * enrollment is refused (403) only in a course the caller may see; a missing enrollment is a 404 that names the course
     * when the caller may not see it.
     */
    public void unenroll(String courseId, String userId, Caller caller) {
        Ids.require(courseId, "course");
        Ids.require(userId, "user");
        if (!caller.owns(userId) && !caller.isAdmin()) {
            requireVisible(courseId, caller);
            throw new AccessDenied("Only the enrolled user or an admin may remove an enrollment.");
        }
        try {
            enrollments.delete(userId, courseId, caller.userId());
        } catch (NotFound notEnrolled) {
            requireVisible(courseId, caller);
            throw notEnrolled;
        }
    }

    /** The caller's enrollments with their courses (one BatchGetItem a page); deleted courses are left out. */
    public Page<EnrolledCourse> mine(Caller caller, PageRequest page) {
        Page<Enrollment> enrolled = enrollments.listOfUser(caller.userId(), page);
        Map<String, Course> found = courses.findManyConsistent(enrolled.items().stream().map(Enrollment::courseId).toList());
        List<EnrolledCourse> items = enrolled.items().stream()
                .filter(e -> found.containsKey(e.courseId()))
                .map(e -> new EnrolledCourse(e, found.get(e.courseId())))
                .toList();
        return new Page<>(items, enrolled.nextCursor());
    }

    /**
     * One of the caller's enrollments with its course (two strongly consistent GetItems: the learner reads their own
     * enrollment right after making it). A deleted course's enrollment is not found, as the list leaves it out.
     */
    public EnrolledCourse myEnrollment(Caller caller, String courseId) {
        Ids.require(courseId, "course");
        Enrollment enrollment = enrollments.find(caller.userId(), courseId)
                .orElseThrow(() -> new NotFound("You are not enrolled in this course."));
        Course course = courses.find(courseId).orElseThrow(EnrollmentService::noCourse);
        return new EnrolledCourse(enrollment, course);
    }

    /** Who is enrolled in a course: for its instructor and admins (404 for a course the caller may not see, else 403). */
    public Page<EnrolledUser> ofCourse(String courseId, Caller caller, PageRequest page) {
        Course course = courses.find(Ids.require(courseId, "course")).orElseThrow(EnrollmentService::noCourse);
        if (!caller.isAdmin() && !caller.owns(course.ownerId())) {
            if (!visible(course, caller)) {
                throw noCourse();
            }
            caller.requireOwnerOrAdmin(course.ownerId(), "course");
        }
        Page<Enrollment> enrolled = enrollments.listOfCourse(course.courseId(), page);
        Map<String, UserProfile> people = profiles.findMany(enrolled.items().stream().map(Enrollment::userId).toList());
        return enrolled.map(e -> new EnrolledUser(e, people.get(e.userId())));
    }

    private void requireVisible(String courseId, Caller caller) {
        courses.find(courseId).filter(course -> visible(course, caller)).orElseThrow(EnrollmentService::noCourse);
    }

    private boolean visible(Course course, Caller caller) {
        return CourseVisibility.visible(course, caller.userId(), caller.isAdmin(),
                () -> enrollments.isEnrolled(caller.userId(), course.courseId()));
    }

    private static NotFound noCourse() {
        return CourseVisibility.notFound();
    }
}
