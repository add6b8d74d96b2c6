package dev.skillforge.courses.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.NotBlankText;

/** A request to upload one file: a course cover or a lesson file, with its exact type and size. */
public record AssetRequest(
        @NotNull @Pattern(regexp = "cover|lesson-file", message = "must be cover or lesson-file") String kind,
        @Size(max = 64) String lessonId,
        @Schema(required = true) @NotBlankText @Size(max = 100) String contentType,
        @NotNull @Positive Long contentLength) {
}
