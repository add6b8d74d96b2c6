package dev.skillforge.progress.app;

/** A graded attempt: the score in percent, whether it passed, and the learner's record after it. */
public record QuizResult(String lessonId, int score, boolean passed, int passMark, int correctAnswers, int totalQuestions,
        int attempts, int bestScore, CourseProgress course) {
}
