package dev.skillforge.courses.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.skillforge.web.validation.Utf8Size;

/**
 * What a client may say about a course, on create and on edit. Owner, status, counters and ratings are
 * not fields here: a body that sends them is rejected as unknown fields. {@code version} is the version the
 * edit is based on (or send it as If-Match); it is ignored on create.
 */
public record CourseRequest(
        @NotBlank @Size(min = 3, max = 120) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String title,
        @Size(max = 5000) @Utf8Size(max = 15_000) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String description,
        @NotBlank @Size(max = 40) @Pattern(regexp = Text.SLUG, message = Text.SLUG_MESSAGE) String category,
        @Size(max = 10) List<@NotBlank @Size(max = 30) @Pattern(regexp = Text.SLUG, message = Text.SLUG_MESSAGE) String> tags,
        @Pattern(regexp = "beginner|intermediate|advanced|all-levels", message = "must be one of beginner, intermediate, advanced, all-levels") String level,
        @Size(max = 300) @Pattern(regexp = "courses/[A-Za-z0-9_-]+/cover/[A-Za-z0-9._-]+", message = "must be a key returned by POST /courses/{id}/assets for a cover") String coverImageKey,
        @PositiveOrZero Long version) {
}
