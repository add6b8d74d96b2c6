package dev.skillforge.reviews.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.skillforge.web.validation.Utf8Size;

/** A review as a client sends it; {@code version} is required when editing. */
public record ReviewRequest(
        @NotNull @Min(1) @Max(5) Integer rating,
        @Size(max = 120) @Pattern(regexp = "[^\\p{Cntrl}\\p{Cs}]*", message = "must be a single line without control characters or broken unicode") String title,
        @Size(max = 5000) @Utf8Size(max = 15_000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*", message = "must not contain control characters or broken unicode") String text,
        @PositiveOrZero Long version) {
}
