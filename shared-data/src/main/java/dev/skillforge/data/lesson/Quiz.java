package dev.skillforge.data.lesson;

import java.util.List;

/** A lesson's quiz: the questions and the percentage needed to pass. */
public record Quiz(int passMark, List<QuizQuestion> questions) {

    public Quiz {
        questions = List.copyOf(questions);
    }
}
