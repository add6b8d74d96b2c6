package dev.skillforge.courses.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.NotBlankText;

/** A request to upload one file: a course cover or a lesson file, with its exact type and size. */
public record AssetRequest(
        @Schema(enumeration = { "cover", "lesson-file" }) @NotNull @Pattern(regexp = "cover|lesson-file", message = "must be cover or lesson-file") String kind,
        @Schema(description = "The lesson a lesson file is for (required for lesson-file, absent for cover)") @Size(max = 64) String lessonId,
        @Schema(required = true, description = "cover: image/jpeg, image/png, image/webp (at most 5 MB); lesson-file: video/mp4, "
                + "video/webm, audio/mpeg, application/pdf, image/jpeg, image/png (at most 1 GB)") @NotBlankText @Size(max = 100) String contentType,
        @NotNull @Positive Long contentLength) {
}
