package dev.skillforge.enrollments.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.web.validation.NotBlankText;
import dev.skillforge.web.validation.ObjectKey;
import dev.skillforge.web.validation.ObjectKeys;

/**
 * The fields a user may edit on their own profile; id, email and role come from the identity provider. A PUT replaces
 * them all: an omitted bio or avatar is cleared.
 */
@Schema(description = "The profile's editable fields; PUT replaces them all: `name` is required, an omitted `bio` or `avatarKey` is cleared.")
public record ProfileRequest(
        @Schema(required = true) @NotBlankText @Size(max = 80) @Pattern(regexp = "[^\\p{Cntrl}\\p{Cs}]*", message = "must be a single line without control characters or broken unicode") String name,
        @Size(max = 1000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\p{Cs}]*", message = "must not contain control characters or broken unicode") String bio,
        @Schema(maxLength = ObjectKeys.MAX_LENGTH, description = "An avatar key issued by POST /me/avatar, after the picture was uploaded (users/{userId}/avatar/...)") @ObjectKey String avatarKey,
        @Schema(description = "The version this edit is based on (or send its ETag as If-Match); one of the two is required.")
        @PositiveOrZero Long version) {
}
