package dev.skillforge.progress.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.progress.app.QuizResult;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The grade of one attempt and where it leaves the learner; which answers were right is not revealed. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuizResultView(String lessonId, int score, boolean passed, int passMark, int correctAnswers, int totalQuestions,
        int attempts, int bestScore, CourseProgressView course) {

    public static QuizResultView of(QuizResult r) {
        return new QuizResultView(r.lessonId(), r.score(), r.passed(), r.passMark(), r.correctAnswers(), r.totalQuestions(),
                r.attempts(), r.bestScore(), CourseProgressView.of(r.course()));
    }
}
