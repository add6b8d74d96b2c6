package dev.skillforge.courses.api;

import jakarta.annotation.Nullable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.courses.app.Outline;
import dev.skillforge.data.lesson.CourseOutline;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.web.media.MediaLinks;
import dev.skillforge.web.media.SignedUrl;

/**
 * A lesson as one caller may see it: the outline fields for everyone, the body and quiz questions for
 * enrolled students, and the answer key only for the course's author and admins. The lesson's file goes with its body: a
 * signed URL for exactly those who may read the body.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LessonView(
        String id,
        @Nullable String courseId,
        @Nullable Integer position,
        String title,
        @Nullable String summary,
        @Nullable Integer durationMinutes,
        boolean hasQuiz,
        @Nullable Long version,
        @Nullable String content,
        @Nullable String videoKey,
        @Schema(description = "The lesson's file (video, audio, PDF or image): a CloudFront signed URL that serves byte ranges, "
                + "for those who may read the body; read the lesson again for a new one after videoUrlExpiresAt") @Nullable String videoUrl,
        @Nullable Instant videoUrlExpiresAt,
        @Nullable QuizView quiz) {

    /** An outline entry: the outline fields only (the lesson's version for its author); the outline names the course. */
    public static LessonView of(CourseOutline.Entry entry, int position, boolean author) {
        return new LessonView(entry.lessonId(), null, position, entry.title(), entry.summary(), entry.durationMinutes(),
                entry.hasQuiz(), author ? entry.version() : null, null, null, null, null, null);
    }

    /** The same view naming its course (an outline entry served alone). */
    public LessonView withCourse(String course) {
        return new LessonView(id, course, position, title, summary, durationMinutes, hasQuiz, version, content, videoKey, videoUrl,
                videoUrlExpiresAt, quiz);
    }

    /** A lesson read whole; {@code position} null when the outline was not read for it. */
    public static LessonView of(Lesson lesson, Integer position, Outline.Access access, MediaLinks media) {
        boolean content = access != Outline.Access.OUTLINE;
        boolean author = access == Outline.Access.AUTHOR;
        SignedUrl file = content && lesson.videoKey() != null ? media.signedUrl(lesson.videoKey()) : null;
        return new LessonView(lesson.lessonId(), lesson.courseId(), position, lesson.title(), lesson.summary(),
                lesson.durationMinutes(), lesson.quiz() != null,
                author ? lesson.version() : null,
                content ? lesson.content() : null,
                content ? lesson.videoKey() : null,
                file == null ? null : file.url(),
                file == null ? null : file.expiresAt(),
                content && lesson.quiz() != null ? QuizView.of(lesson.quiz(), author) : null);
    }

    /** The quiz; {@code correctOption} is null unless the caller authors the course. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuizView(int passMark, List<QuestionView> questions) {

        static QuizView of(Quiz quiz, boolean withAnswers) {
            return new QuizView(quiz.passMark(), quiz.questions().stream()
                    .map(q -> new QuestionView(q.questionId(), q.prompt(), q.options(), withAnswers ? q.correctOption() : null))
                    .toList());
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionView(String id, String prompt, List<String> options, @Nullable Integer correctOption) {
    }
}
