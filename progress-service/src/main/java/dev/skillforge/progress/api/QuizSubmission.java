package dev.skillforge.progress.api;

import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.skillforge.web.validation.NotBlankText;

/** Answers to a lesson's quiz: question id -> the zero-based index of the chosen option. */
public record QuizSubmission(@NotNull @Size(min = 1, max = 50) Map<@NotBlankText @Size(max = 20) String, @NotNull Integer> answers) {
}
