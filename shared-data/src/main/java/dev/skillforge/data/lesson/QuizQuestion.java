package dev.skillforge.data.lesson;

import java.util.List;

/** A multiple-choice question; {@code correctOption} is the answer key and never leaves for a student. */
public record QuizQuestion(String questionId, String prompt, List<String> options, int correctOption) {

    public QuizQuestion {
        options = List.copyOf(options);
    }
}
