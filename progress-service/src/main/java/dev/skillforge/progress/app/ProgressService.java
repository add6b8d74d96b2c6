package dev.skillforge.progress.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.auth.Caller;
import dev.skillforge.data.enrollment.Enrollment;
import dev.skillforge.data.enrollment.EnrollmentRepository;
import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.LessonRepository;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.data.lesson.QuizQuestion;
import dev.skillforge.data.observe.BusinessMetrics;
import dev.skillforge.data.problem.AccessDenied;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.FieldError;
import dev.skillforge.data.problem.InvalidInput;
import dev.skillforge.data.problem.NotFound;
import dev.skillforge.data.progress.LessonProgress;
import dev.skillforge.data.progress.ProgressRepository;
import dev.skillforge.data.table.SkillForgeTable;

/** Progress rules: enrolled learners only, lessons of the named course only, quizzes graded here. */
@ApplicationScoped
public class ProgressService {

    @Inject
    SkillForgeTable table;

    @Inject
    LessonRepository lessons;

    @Inject
    EnrollmentRepository enrollments;

    @Inject
    ProgressRepository progress;

    @Inject
    BusinessMetrics metrics;

    @Inject
    Clock clock;

    /** Marks a lesson complete (repeatable) and records the course completion when this was the last one. */
    public CourseProgress complete(String courseId, String lessonId, Caller caller) {
        LearnerContext context = enrolledIn(courseId, lessonId, caller);
        progress.markComplete(caller.userId(), courseId, lessonId, now());
        return standing(caller.userId(), context.enrollment(), context.outline());
    }

    /** Grades answers against the lesson's answer key; the key itself never leaves this service. */
    public QuizResult submitQuiz(String courseId, String lessonId, Map<String, Integer> answers, Caller caller) {
        LearnerContext context = enrolledIn(courseId, lessonId, caller);
        CourseOutline.Entry entry = context.outline().find(lessonId).orElseThrow(ProgressService::noLesson);
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
        progress.recordQuizAttempt(caller.userId(), courseId, lessonId, score, passed, now());
        metrics.count(BusinessMetrics.QUIZ_ATTEMPTS);
        if (passed) {
            metrics.count(BusinessMetrics.QUIZ_PASSES);
        }
        CourseProgress standing = standing(caller.userId(), context.enrollment(), context.outline());
        LessonProgress record = standing.lessons().stream()
                .filter(e -> e.lesson().lessonId().equals(lessonId))
                .map(CourseProgress.Entry::progress)
                .filter(Objects::nonNull)
                .findFirst().orElseThrow();
        return new QuizResult(lessonId, score, passed, quiz.passMark(), correct, total, record.quizAttempts(),
                record.bestScore() == null ? score : record.bestScore(), standing);
    }

    public CourseProgress ofCourse(String courseId, Caller caller) {
        LearnerContext context = enrolledIn(courseId, null, caller);
        return standing(caller.userId(), context.enrollment(), context.outline());
    }

    /**
     * The learner's standing against the current outline. When every current lesson is done and no completion
     * is recorded yet, it is recorded now (once: a conditional write keeps the first time).
     */
    CourseProgress standing(String userId, Enrollment enrollment, CourseOutline courseOutline) {
        String courseId = enrollment.courseId();
        Map<String, LessonProgress> byLesson = progress.ofCourse(userId, courseId).stream()
                .collect(Collectors.toMap(LessonProgress::lessonId, Function.identity()));
        List<CourseProgress.Entry> entries = entries(courseOutline, byLesson);
        Instant completedAt = enrollment.completedAt();
        if (completedAt == null && !entries.isEmpty() && entries.stream().allMatch(CourseProgress.Entry::complete)) {
            // Completion is permanent: decided on the outline as committed, not on an eventually consistent read that
            // may not show a lesson added a moment ago.
            courseOutline = lessons.outline(courseId, true);
            entries = entries(courseOutline, byLesson);
        }
        List<CourseOutline.Entry> outline = courseOutline.lessons();
        int done = (int) entries.stream().filter(CourseProgress.Entry::complete).count();
        if (completedAt == null && !outline.isEmpty() && done == outline.size()) {
            Instant now = now();
            if (enrollments.markCompleted(userId, courseId, now)) {
                completedAt = now;
                metrics.count(BusinessMetrics.COMPLETIONS);
            } else {
                completedAt = enrollments.find(userId, courseId).map(Enrollment::completedAt).orElse(null);
            }
        }
        Instant lastActivity = byLesson.values().stream().map(LessonProgress::lastActivityAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        int percent = outline.isEmpty() ? 0 : done * 100 / outline.size();
        return new CourseProgress(courseId, enrollment.enrolledAt(), completedAt, outline.size(), done, percent, lastActivity, entries);
    }

    private static List<CourseProgress.Entry> entries(CourseOutline outline, Map<String, LessonProgress> byLesson) {
        List<CourseProgress.Entry> entries = new ArrayList<>();
        for (CourseOutline.Entry lesson : outline.lessons()) {
            LessonProgress p = byLesson.get(lesson.lessonId());
            entries.add(new CourseProgress.Entry(lesson, p, p != null && p.isComplete(lesson.hasQuiz())));
        }
        return entries;
    }

    /** Course exists (404), caller enrolled (403), lesson belongs to this course (404): in that order. */
    private LearnerContext enrolledIn(String courseId, String lessonId, Caller caller) {
        Ids.require(courseId, "course");
        if (lessonId != null) {
            Ids.require(lessonId, "lesson");
        }
        LearnerContext context = LearnerContext.load(table, lessons, caller.userId(), courseId);
        if (context.course() == null) {
            throw new NotFound("No course with this id.");
        }
        if (context.enrollment() == null) {
            throw new AccessDenied("Enroll in this course first.");
        }
        if (lessonId != null) {
            context = context.withLesson(lessons, lessonId);
            if (context.outline().indexOf(lessonId) < 0) {
                throw noLesson();
            }
        }
        return context;
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
