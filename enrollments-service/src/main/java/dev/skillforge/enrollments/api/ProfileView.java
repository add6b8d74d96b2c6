package dev.skillforge.enrollments.api;

import jakarta.annotation.Nullable;
import dev.skillforge.web.media.MediaLinks;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.data.user.UserProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user profile as the API shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(String id, @Nullable String email, String name, String role, @Nullable String bio,
        @Schema(description = "The profile picture's key (absent without one)") @Nullable String avatarKey,
        @Schema(description = "The profile picture, public through the CDN (absent without one)") @Nullable String avatarUrl,
        long version, Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Present (true) only when an admin disabled the account.") @Nullable Boolean disabled) {

    public static ProfileView of(UserProfile p, MediaLinks media) {
        return new ProfileView(p.userId(), p.email(), p.name(), p.role(), p.bio(), p.avatarKey(), media.publicUrl(p.avatarKey()), p.version(), p.createdAt(), p.updatedAt(),
                p.disabled() ? Boolean.TRUE : null);
    }
}
