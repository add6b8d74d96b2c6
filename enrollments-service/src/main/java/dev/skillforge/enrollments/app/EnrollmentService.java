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

/** Enrollment rules: only published courses, once per user, own enrollments only (admins may act for anyone). */
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
        requireOpen(course);
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
                requireOpen(after.orElseThrow(EnrollmentService::noCourse));
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

    private static void requireOpen(Course course) {
        if (course.status() == CourseStatus.DRAFT) {
            throw noCourse();
        }
        if (course.status() == CourseStatus.UNPUBLISHED) {
            throw Conflict.invalidState("This course is not open for enrollment.");
        }
    }

    /** Removes an enrollment; progress records stay, so enrolling again picks up where the user left off. */
    public void unenroll(String courseId, String userId, Caller caller) {
        Ids.require(courseId, "course");
        Ids.require(userId, "user");
        if (!caller.owns(userId) && !caller.isAdmin()) {
            throw new AccessDenied("Only the enrolled user or an admin may remove an enrollment.");
        }
        enrollments.delete(userId, courseId, caller.userId());
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

    /** Who is enrolled in a course: for its instructor and admins (drafts of others stay hidden). */
    public Page<EnrolledUser> ofCourse(String courseId, Caller caller, PageRequest page) {
        Course course = courses.find(Ids.require(courseId, "course")).orElseThrow(EnrollmentService::noCourse);
        boolean author = caller.isAdmin() || caller.owns(course.ownerId());
        if (!author && course.status() == CourseStatus.DRAFT) {
            throw noCourse();
        }
        caller.requireOwnerOrAdmin(course.ownerId(), "course");
        Page<Enrollment> enrolled = enrollments.listOfCourse(course.courseId(), page);
        Map<String, UserProfile> people = profiles.findMany(enrolled.items().stream().map(Enrollment::userId).toList());
        return enrolled.map(e -> new EnrolledUser(e, people.get(e.userId())));
    }

    private static NotFound noCourse() {
        return new NotFound("No course with this id.");
    }
}
