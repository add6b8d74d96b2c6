package dev.skillforge.progress.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.AccountGate;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.data.course.CourseRepository;
import dev.skillforge.data.course.CourseVisibility;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.data.lesson.QuizQuestion;
import dev.skillforge.web.observe.BusinessMetrics;
import dev.skillforge.data.problem.AccessDenied;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.FieldError;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.progress.LearnerProgress;
import dev.skillforge.data.progress.LessonProgress;
import dev.skillforge.data.progress.ProgressRepository;

/**
 * Progress rules: enrolled learners only, lessons of the named course only, quizzes graded here. A request reads the
 * course's outline (one small item, eventually consistent) and writes the learner's progress item with one UpdateItem
 * that answers the item as written; a read reads that item strongly. Neither the course nor the enrollment is read on
 * the way (the progress item says whether the learner is enrolled, and a deleted course's outline is deleted with it):
 * those are read only to explain a refusal. A course the caller may not see (CourseVisibility) answers as one that does
 * not exist, before any other refusal.
 */
@ApplicationScoped
public class ProgressService {

    @Inject
    LessonRepository lessons;

    @Inject
    CourseRepository courses;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    ProgressRepository progress;

    @Inject
    BusinessMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    AccountGate accountGate;

    /** Marks a lesson complete (repeatable) and records the course completion when this was the last one. */
    public CourseProgress complete(String courseId, String lessonId, Caller caller) {
        Ids.require(courseId, "course");
        Ids.require(lessonId, "lesson");
        CourseOutline outline = outlineWith(courseId, lessonId, caller);
        int key = outline.find(lessonId).orElseThrow().key();
        LearnerProgress after = progress.markComplete(caller.userId(), courseId, key, now())
                .or(() -> afterFold(caller, courseId, outline).flatMap(folded -> progress.markComplete(caller.userId(), courseId, key, now())))
                .orElseThrow(() -> refusal(courseId, caller));
        return standing(after, outline, caller);
    }

    /** Grades answers against the lesson's answer key; the key itself never leaves this service. */
    public QuizResult submitQuiz(String courseId, String lessonId, Map<String, Integer> answers, Caller caller) {
        Ids.require(courseId, "course");
        Ids.require(lessonId, "lesson");
        // enrolled first: a stranger learns nothing about the quiz, not even its question ids from a validation answer
        enrolledProgress(courseId, caller);
        CourseOutline outline = outlineWith(courseId, lessonId, caller);
        CourseOutline.Entry entry = outline.find(lessonId).orElseThrow();
        if (!entry.hasQuiz()) {
            throw Conflict.invalidState("This lesson has no quiz.");
        }
        // the answer key is on the lesson item: the one lesson graded is read, no other; read strongly when the eventual
        // read is older than the outline's entry (an author's edit of a moment ago)
        Lesson graded = lessons.findEventually(courseId, lessonId).filter(lesson -> lesson.version() >= entry.version())
                .or(() -> lessons.find(courseId, lessonId)).orElseThrow(ProgressService::noLesson);
        Quiz quiz = graded.quiz();
        if (quiz == null) {
            throw Conflict.invalidState("This lesson has no quiz.");
        }
        int correct = grade(quiz, answers);
        int total = quiz.questions().size();
        int score = correct * 100 / total;
        boolean passed = score >= quiz.passMark();
        LearnerProgress after = progress.recordQuizAttempt(caller.userId(), courseId, entry.key(), score, passed, now())
                .orElseThrow(() -> refusal(courseId, caller));
        metrics.count(BusinessMetrics.QUIZ_ATTEMPTS);
        if (passed) {
            metrics.count(BusinessMetrics.QUIZ_PASSES);
        }
        LessonProgress record = after.of(entry.key());
        CourseProgress standing = standing(after, outline, caller);
        return new QuizResult(lessonId, score, passed, quiz.passMark(), correct, total, record.quizAttempts(),
                record.bestScore() == null ? score : record.bestScore(), standing);
    }

    public CourseProgress ofCourse(String courseId, Caller caller) {
        Ids.require(courseId, "course");
        LearnerProgress learner = enrolledProgress(courseId, caller);
        CourseOutline outline = lessons.outline(courseId, false);
        if (!outline.stored()) {
            requireCourse(courseId, caller, true);
        }
        return standing(learner, outline, caller);
    }

    /**
     * The learner's standing against the current outline. When every current lesson is done and no completion
     * is recorded yet, it is recorded now (once: a conditional write keeps the first time).
     */
    CourseProgress standing(LearnerProgress learner, CourseOutline courseOutline, Caller caller) {
        String courseId = learner.courseId();
        List<CourseProgress.Entry> entries = entries(courseOutline, learner);
        Instant completedAt = learner.completedAt();
        if (completedAt == null && !entries.isEmpty() && entries.stream().allMatch(CourseProgress.Entry::complete)) {
            // Completion is permanent: decided on the outline as committed, not on an eventually consistent read that
            // may not show a lesson added a moment ago.
            courseOutline = lessons.outline(courseId, true);
            entries = entries(courseOutline, learner);
        }
        List<CourseOutline.Entry> outline = courseOutline.lessons();
        int done = (int) entries.stream().filter(CourseProgress.Entry::complete).count();
        if (completedAt == null && !outline.isEmpty() && done == outline.size()) {
            // A read (GET /me/progress) writes here: its token is checked afresh first, as every write's is.
            accountGate.admit(caller.userId(), caller.issuedAt(), true);
            Instant now = now();
            if (enrollments.markCompleted(learner.userId(), courseId, now)) {
                completedAt = now;
                metrics.count(BusinessMetrics.COMPLETIONS);
            } else {
                completedAt = progress.find(learner.userId(), courseId).map(LearnerProgress::completedAt).orElse(null);
            }
        }
        int percent = outline.isEmpty() ? 0 : done * 100 / outline.size();
        return new CourseProgress(courseId, learner.enrolledAt(), completedAt, outline.size(), done, percent, learner.lastActivityAt(), entries);
    }

    private static List<CourseProgress.Entry> entries(CourseOutline outline, LearnerProgress learner) {
        List<CourseProgress.Entry> entries = new ArrayList<>();
        for (CourseOutline.Entry lesson : outline.lessons()) {
            LessonProgress record = learner.lessons().get(lesson.key());
            entries.add(new CourseProgress.Entry(lesson, record, record != null && record.isComplete(lesson.hasQuiz())));
        }
        return entries;
    }

    /**
     * The outline with the named lesson in it. A lesson missing from the eventually consistent outline is looked up once
     * more in a strong read (a lesson added a moment ago is found by its first learner); missing from that too, the
     * refusal says why, in order: no course, or one the caller may not see (404), not enrolled (403), no such lesson in
     * it (404).
     */
    private CourseOutline outlineWith(String courseId, String lessonId, Caller caller) {
        CourseOutline outline = lessons.outline(courseId, false);
        if (outline.indexOf(lessonId) < 0) {
            outline = lessons.outline(courseId, true);
        }
        if (outline.indexOf(lessonId) < 0) {
            enrolledProgress(courseId, caller);
            requireCourse(courseId, caller, true);
            throw noLesson();
        }
        return outline;
    }

    /** The caller's progress item while enrolled (folded from per-lesson items first if it predates it), or the refusal. */
    private LearnerProgress enrolledProgress(String courseId, Caller caller) {
        Optional<LearnerProgress> learner = progress.find(caller.userId(), courseId);
        if (learner.isEmpty()) {
            learner = fold(caller, courseId, null);
        }
        return learner.filter(LearnerProgress::enrolled).orElseThrow(() -> refusal(courseId, caller));
    }

    /**
     * An enrollment whose learner has no progress item (enrolled before it existed) gets one, folded from the per-lesson
     * items once. Empty when there is no enrollment, or the item exists already.
     */
    private Optional<LearnerProgress> afterFold(Caller caller, String courseId, CourseOutline known) {
        if (progress.find(caller.userId(), courseId).isPresent()) {
            return Optional.empty();
        }
        return fold(caller, courseId, known);
    }

    /** {@link #afterFold} for a caller whose progress item was just read strongly and not found. */
    private Optional<LearnerProgress> fold(Caller caller, String courseId, CourseOutline known) {
        return enrollments.find(caller.userId(), courseId).map(enrollment -> {
            accountGate.admit(caller.userId(), caller.issuedAt(), true); // the fold writes, on reads too
            return progress.foldLegacy(caller.userId(), courseId, enrollment.enrolledAt(), enrollment.completedAt(),
                    known != null ? known : lessons.outline(courseId, true));
        });
    }

    /** Why a learner may not read or write progress here: no course they may see (404) before not enrolled (403). */
    private RuntimeException refusal(String courseId, Caller caller) {
        requireCourse(courseId, caller, false);
        return new AccessDenied("Enroll in this course first.");
    }

    /** The course exists and the caller may see it; {@code enrolled}: what their progress item says. */
    private void requireCourse(String courseId, Caller caller, boolean enrolled) {
        courses.find(courseId)
                .filter(course -> CourseVisibility.visible(course, caller.userId(), caller.isAdmin(), () -> enrolled))
                .orElseThrow(CourseVisibility::notFound);
    }

    private static NotFound noLesson() {
        return new NotFound("No lesson with this id in this course.");
    }

    /** Every question answered once with an existing option; returns the number of right answers. */
    private static int grade(Quiz quiz, Map<String, Integer> answers) {
        List<FieldError> errors = new ArrayList<>();
        int correct = 0;
        for (QuizQuestion question : quiz.questions()) {
            Integer answer = answers.get(question.questionId());
            if (answer == null) {
                errors.add(new FieldError("answers." + question.questionId(), "is required"));
            } else if (answer < 0 || answer >= question.options().size()) {
                errors.add(new FieldError("answers." + question.questionId(),
                        "must be an option index from 0 to " + (question.options().size() - 1)));
            } else if (answer == question.correctOption()) {
                correct++;
            }
        }
        answers.keySet().stream()
                .filter(id -> quiz.questions().stream().noneMatch(q -> q.questionId().equals(id)))
                .forEach(id -> errors.add(new FieldError("answers." + id, "is not a question of this quiz")));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return correct;
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
