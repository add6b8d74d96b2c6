package dev.skillforge.reviews.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.Utf8Size;

/** A review as a client sends it; a PUT replaces all of it (an omitted title or text is cleared). */
@Schema(description = "A review. POST creates it; PUT replaces it: `rating` is required, an omitted `title` or `text` is "
        + "cleared, never kept.")
public record ReviewRequest(
        @NotNull @Min(1) @Max(5) Integer rating,
        @Size(max = 120) @Pattern(regexp = "[^\\p{Cntrl}\\p{Cs}]*", message = "must be a single line without control characters or broken unicode") String title,
        @Size(max = 5000) @Utf8Size(max = 15_000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*", message = "must not contain control characters or broken unicode") String text,
        @Schema(description = "PUT: the version this edit is based on (the review's `version`, or send its ETag as If-Match); "
                + "one of the two is required. Ignored by POST.") @PositiveOrZero Long version) {
}
