package dev.skillforge.progress.api;

import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.data.progress.LessonProgress;
import dev.skillforge.progress.app.CourseProgress;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A learner's progress in a course, lesson by lesson, against the current outline. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CourseProgressView(
        String courseId,
        Instant enrolledAt,
        @Nullable Instant completedAt,
        int totalLessons,
        int completedLessons,
        int percentComplete,
        @Nullable Instant lastActivityAt,
        List<LessonEntry> lessons) {

    /** One lesson with the learner's record on it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LessonEntry(String lessonId, int position, String title, boolean completed, @Nullable Instant completedAt, @Nullable QuizRecord quiz) {
    }

    /** The quiz record: never the answer key, only the learner's own scores. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuizRecord(int passMark, int attempts, @Nullable Integer lastScore, @Nullable Integer bestScore, boolean passed) {
    }

    public static CourseProgressView of(CourseProgress p) {
        List<LessonEntry> lessons = new java.util.ArrayList<>();
        for (int i = 0; i < p.lessons().size(); i++) {
            CourseProgress.Entry entry = p.lessons().get(i);
            LessonProgress record = entry.progress();
            QuizRecord quiz = !entry.lesson().hasQuiz() ? null
                    : new QuizRecord(entry.lesson().passMark(), record == null ? 0 : record.quizAttempts(),
                            record == null ? null : record.lastScore(), record == null ? null : record.bestScore(),
                            record != null && record.quizPassed());
            lessons.add(new LessonEntry(entry.lesson().lessonId(), i + 1, entry.lesson().title(), entry.complete(),
                    record == null ? null : record.completedAt(), quiz));
        }
        return new CourseProgressView(p.courseId(), p.enrolledAt(), p.completedAt(), p.totalLessons(), p.completedLessons(),
                p.percentComplete(), p.lastActivityAt(), lessons);
    }
}
