package dev.skillforge.data.progress;

import java.time.Instant;

/**
 * A user's progress on one lesson: when it was completed, and the quiz record (attempts, last and best
 * score, whether a passing attempt was made). A lesson with a quiz counts as done once the quiz is passed.
 */
public record LessonProgress(
        String userId,
        String courseId,
        String lessonId,
        Instant completedAt,
        int quizAttempts,
        Integer lastScore,
        Integer bestScore,
        boolean quizPassed,
        Instant lastActivityAt) {

    public boolean isComplete(boolean lessonHasQuiz) {
        return completedAt != null && (!lessonHasQuiz || quizPassed);
    }
}
