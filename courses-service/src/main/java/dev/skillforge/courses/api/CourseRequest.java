package dev.skillforge.courses.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.NotBlankText;
import dev.skillforge.web.validation.ObjectKey;
import dev.skillforge.web.validation.ObjectKeys;
import dev.skillforge.web.validation.Utf8Size;

/**
 * What a client may say about a course, on create and on edit. Owner, status, counters and ratings are
 * not fields here: a body that sends them is rejected as unknown fields. {@code version} is the version the
 * edit is based on (or send it as If-Match); it is ignored on create. A PUT replaces every field: an omitted
 * optional one gets what a create gives it, never its old value.
 */
@Schema(description = "A course's editable fields. POST creates a draft from them; PUT replaces all of them: `title` and "
        + "`category` are required, and an omitted optional field gets what a new course gets (`description` and "
        + "`coverImageKey` none, `tags` empty, `level` all-levels), never its old value.")
public record CourseRequest(
        @Schema(required = true) @NotBlankText @Size(min = 3, max = 120) @Pattern(regexp = Text.SINGLE_LINE, message = Text.SINGLE_LINE_MESSAGE) String title,
        @Size(max = 5000) @Utf8Size(max = 15_000) @Pattern(regexp = Text.MULTI_LINE, message = Text.MULTI_LINE_MESSAGE) String description,
        @Schema(required = true) @NotBlankText @Size(max = 40) @Pattern(regexp = Text.SLUG, message = Text.SLUG_MESSAGE) String category,
        @Size(max = 10) List<@NotBlankText @Size(max = 30) @Pattern(regexp = Text.SLUG, message = Text.SLUG_MESSAGE) String> tags,
        @Pattern(regexp = "beginner|intermediate|advanced|all-levels", message = "must be one of beginner, intermediate, advanced, all-levels") String level,
        @Schema(maxLength = ObjectKeys.MAX_LENGTH, description = "A cover key issued by POST /courses/{courseId}/assets for this course (courses/{courseId}/cover/...)") @ObjectKey String coverImageKey,
        @Schema(description = "PUT: the version this edit is based on (or send its ETag as If-Match); one of the two is "
                + "required. Ignored by POST.") @PositiveOrZero Long version) {
}
