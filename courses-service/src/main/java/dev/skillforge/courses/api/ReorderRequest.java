package dev.skillforge.courses.api;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The new order of a course's lessons: every lesson id exactly once; {@code version}: the outline's version it is based on
 * (or its ETag as If-Match).
 */
@Schema(description = "The whole new order: every lesson id of the course exactly once.")
public record ReorderRequest(@NotEmpty @Size(max = 200) List<@NotNull String> lessonIds,
        @Schema(description = "The outline's version this order is based on (`version` of GET /courses/{courseId}/lessons as an "
                + "author, or send its ETag as If-Match); one of the two is required.") @PositiveOrZero Long version) {
}
