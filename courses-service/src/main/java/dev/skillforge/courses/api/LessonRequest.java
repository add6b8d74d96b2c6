package dev.skillforge.courses.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.NotBlankText;
import dev.skillforge.web.validation.ObjectKey;
import dev.skillforge.web.validation.ObjectKeys;
import dev.skillforge.web.validation.Utf8Size;

/**
 * What a client may say about a lesson. Ids, positions and timestamps are the server's. Texts are limited in UTF-8 bytes
 * where they can be long: the lesson is one DynamoDB item (400 KB); a lesson whose texts together would not fit is a 413.
 * A PUT replaces every field: an omitted optional one is cleared, as a new lesson would not have it.
 */
@Schema(description = "A lesson's editable fields. POST adds a lesson from them; PUT replaces all of them: `title` is "
        + "required, and an omitted optional field (`summary`, `content`, `videoKey`, `durationMinutes`, `quiz`) is "
        + "cleared, never kept.")
public record LessonRequest(
        @Schema(required = true) @NotBlankText @Size(max = 120) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String title,
        @Size(max = 500) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String summary,
        @Utf8Size(max = MAX_CONTENT_BYTES) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String content,
        @Schema(maxLength = ObjectKeys.MAX_LENGTH, description = "A lesson file key issued by POST /courses/{courseId}/assets for this course (courses/{courseId}/lessons/...)") @ObjectKey String videoKey,
        @Min(0) @Max(1440) Integer durationMinutes,
        @Valid QuizRequest quiz,
        @Schema(description = "PUT: the version this edit is based on (or send its ETag as If-Match); one of the two is "
                + "required. Ignored by POST.") @PositiveOrZero Long version) {

    /** About 200 KB of text. A lesson whose content and quiz together would not fit its item is refused with a 413. */
    public static final int MAX_CONTENT_BYTES = 200_000;

    /** A quiz: the pass mark in percent and multiple-choice questions with their answer key. */
    public record QuizRequest(
            @NotNull @Min(0) @Max(100) Integer passMark,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid QuestionRequest> questions) {
    }

    /** One question; {@code correctOption} is the zero-based index of the right option. */
    public record QuestionRequest(
            @Schema(required = true) @NotBlankText @Size(max = 1000) @Utf8Size(max = 3000) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String prompt,
            @NotNull @Size(min = 2, max = 6) List<@NotBlankText @Size(max = 300) @Utf8Size(max = 900) String> options,
            @NotNull @Min(0) Integer correctOption) {
    }
}
