package dev.skillforge.courses.app;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.auth.Caller;
import dev.skillforge.data.course.Course;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.problem.StaleVersion;

/** Lesson rules: who sees what of the outline, authoring, ordering. */
@ApplicationScoped
public class LessonService {

    /** Outlines are read whole and ordered in memory; this keeps that one small Query. */
    static final int MAX_LESSONS_PER_COURSE = 200;

    @Inject
    CourseService courseService;

    @Inject
    LessonRepository lessons;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    Clock clock;

    /** Everyone who can see the course sees the outline; content needs enrollment, authorship or admin. */
    public Outline outline(String courseId, Caller caller) {
        Course course = courseService.visible(courseId, caller);
        Outline.Access access = Outline.Access.OUTLINE;
        if (courseService.canAuthor(caller, course)) {
            access = Outline.Access.AUTHOR;
        } else if (caller != null && enrollments.isEnrolled(caller.userId(), course.courseId())) {
            access = Outline.Access.CONTENT;
        }
        return new Outline(course, lessons.outline(course.courseId()), access);
    }

    public Lesson add(String courseId, LessonEdit edit, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        List<Lesson> current = lessons.outline(course.courseId());
        if (current.size() >= MAX_LESSONS_PER_COURSE) {
            throw Conflict.invalidState("A course can have at most " + MAX_LESSONS_PER_COURSE + " lessons.");
        }
        checkVideoKey(course.courseId(), edit.videoKey());
        int position = current.stream().mapToInt(Lesson::position).max().orElse(0) + 1;
        Instant now = now();
        Lesson lesson = new Lesson(course.courseId(), Ids.newId(), position, edit.title(), edit.summary(), edit.content(),
                edit.videoKey(), edit.durationMinutes(), edit.quiz(), 1, now, now, caller.userId());
        lessons.create(lesson);
        return lesson;
    }

    public Lesson edit(String courseId, String lessonId, LessonEdit edit, ExpectedVersion expected, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        Lesson before = lessons.find(course.courseId(), Ids.require(lessonId, "lesson")).orElseThrow(LessonService::notFound);
        long version = expected.required();
        checkVideoKey(course.courseId(), edit.videoKey());
        Lesson after = before.edited(edit.title(), edit.summary(), edit.content(), edit.videoKey(), edit.durationMinutes(),
                edit.quiz(), now(), caller.userId());
        try {
            return lessons.update(after, version);
        } catch (StaleVersion stale) {
            throw expected.translate(stale);
        }
    }

    /** The seed's PUT /lessons/{id}: the course is found from the lesson id alone. */
    public Lesson editById(String lessonId, LessonEdit edit, ExpectedVersion expected, Caller caller) {
        String courseId = lessons.findCourseIdOfLesson(Ids.require(lessonId, "lesson")).orElseThrow(LessonService::notFound);
        return edit(courseId, lessonId, edit, expected, caller);
    }

    public void delete(String courseId, String lessonId, ExpectedVersion expected, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        Lesson lesson = lessons.find(course.courseId(), Ids.require(lessonId, "lesson")).orElseThrow(LessonService::notFound);
        if (course.isPublished() && lessons.outline(course.courseId()).size() == 1) {
            throw Conflict.invalidState("A published course keeps at least one lesson. Unpublish it first.");
        }
        try {
            lessons.delete(course.courseId(), lesson.lessonId(), expected.orElse(lesson.version()), caller.userId());
        } catch (StaleVersion stale) {
            throw expected.translate(stale);
        }
    }

    /** Puts the lessons in the given order; the list must name every lesson of the course exactly once. */
    public Outline reorder(String courseId, List<String> lessonIds, Caller caller) {
        Course course = courseService.authored(courseId, caller);
        List<Lesson> current = lessons.outline(course.courseId());
        Set<String> known = new HashSet<>(current.stream().map(Lesson::lessonId).toList());
        if (lessonIds.size() != known.size() || !known.equals(new HashSet<>(lessonIds))) {
            throw new InvalidInput("lessonIds", "must list every lesson of the course exactly once");
        }
        Instant now = now();
        for (Lesson lesson : current) {
            int position = lessonIds.indexOf(lesson.lessonId()) + 1;
            if (lesson.position() != position) {
                lessons.update(lesson.movedTo(position, now, caller.userId()), lesson.version());
            }
        }
        return new Outline(course, lessons.outline(course.courseId()), Outline.Access.AUTHOR);
    }

    private static void checkVideoKey(String courseId, String videoKey) {
        if (videoKey != null && !videoKey.startsWith("courses/" + courseId + "/lessons/")) {
            throw new InvalidInput("videoKey", "must be a lesson file key issued for this course");
        }
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }

    static NotFound notFound() {
        return new NotFound("No lesson with this id in this course.");
    }
}
