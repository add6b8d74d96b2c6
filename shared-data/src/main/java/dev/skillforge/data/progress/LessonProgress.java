package dev.skillforge.data.progress;

import java.time.Instant;

/**
 * A learner's record on one lesson: when it was completed, and the quiz record (attempts, last and best score, when a
 * passing attempt was first made). A lesson with a quiz counts as done once the quiz is passed.
 */
public record LessonProgress(Instant completedAt, int quizAttempts, Integer lastScore, Integer bestScore, Instant quizPassedAt) {

    public static final LessonProgress NONE = new LessonProgress(null, 0, null, null, null);

    public boolean quizPassed() {
        return quizPassedAt != null;
    }

    public boolean isComplete(boolean lessonHasQuiz) {
        return completedAt != null && (!lessonHasQuiz || quizPassed());
    }
}
