package dev.skillforge.courses.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import dev.skillforge.web.media.MediaLinks;

import dev.skillforge.courses.app.LessonEdit;
import dev.skillforge.courses.app.Outline;
import dev.skillforge.data.lesson.Lesson;
import dev.skillforge.data.lesson.Quiz;
import dev.skillforge.data.lesson.QuizQuestion;
import dev.skillforge.data.problem.FieldError;
import dev.skillforge.data.problem.InvalidInput;

/** Maps lesson requests to edits (the one place a request field reaches a stored field) and lessons to responses. */
final class LessonEdits {

    private LessonEdits() {
    }

    static LessonEdit of(LessonRequest body) {
        return new LessonEdit(body.title(), body.summary(), body.content(), body.videoKey(), body.durationMinutes(), quiz(body.quiz()));
    }

    static Response authorView(Lesson lesson, MediaLinks media) {
        return Response.ok(LessonView.of(lesson, lesson.position(), Outline.Access.AUTHOR, media))
                .tag(Long.toString(lesson.version()))
                .build();
    }

    /** Question ids are assigned by position (q1, q2, ...); the answer index must name one of the options. */
    private static Quiz quiz(LessonRequest.QuizRequest quiz) {
        if (quiz == null) {
            return null;
        }
        List<QuizQuestion> questions = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < quiz.questions().size(); i++) {
            LessonRequest.QuestionRequest q = quiz.questions().get(i);
            if (q.correctOption() >= q.options().size()) {
                errors.add(new FieldError("quiz.questions[" + i + "].correctOption", "must be the index of one of the options"));
                continue;
            }
            questions.add(new QuizQuestion("q" + (i + 1), q.prompt(), q.options(), q.correctOption()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Quiz(quiz.passMark(), questions);
    }
}
