package dev.skillforge.enrollments.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.NotBlankText;

/** A request to upload one picture, with its exact type and size (both are signed into the upload URL). */
public record UploadRequest(
        @Schema(required = true, description = "image/jpeg, image/png or image/webp (at most 2 MB)") @NotBlankText @Size(max = 100) String contentType,
        @NotNull @Positive Long contentLength) {
}
