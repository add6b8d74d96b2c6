package dev.skillforge.courses.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.skillforge.web.validation.Utf8Size;

/**
 * What a client may say about a lesson. Ids, positions and timestamps are the server's. Texts are limited in UTF-8 bytes
 * where they can be long: the lesson is one DynamoDB item (400 KB); a lesson whose texts together would not fit is a 413.
 */
public record LessonRequest(
        @NotBlank @Size(max = 120) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String title,
        @Size(max = 500) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String summary,
        @Utf8Size(max = MAX_CONTENT_BYTES) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String content,
        @Size(max = 300) @Pattern(regexp = "courses/[A-Za-z0-9_-]+/lessons/[A-Za-z0-9_./-]+", message = "must be a key returned by POST /courses/{id}/assets for a lesson file") String videoKey,
        @Min(0) @Max(1440) Integer durationMinutes,
        @Valid QuizRequest quiz,
        @PositiveOrZero Long version) {

    /** About 200 KB of text. A lesson whose content and quiz together would not fit its item is refused with a 413. */
    public static final int MAX_CONTENT_BYTES = 200_000;

    /** A quiz: the pass mark in percent and multiple-choice questions with their answer key. */
    public record QuizRequest(
            @NotNull @Min(0) @Max(100) Integer passMark,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid QuestionRequest> questions) {
    }

    /** One question; {@code correctOption} is the zero-based index of the right option. */
    public record QuestionRequest(
            @NotBlank @Size(max = 1000) @Utf8Size(max = 3000) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String prompt,
            @NotNull @Size(min = 2, max = 6) List<@NotBlank @Size(max = 300) @Utf8Size(max = 900) String> options,
            @NotNull @Min(0) Integer correctOption) {
    }
}
