package dev.skillforge.enrollments.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.data.user.UserProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user profile as the API shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(String id, String email, String name, String role, String bio, long version, Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Present (true) only when an admin disabled the account.") Boolean disabled) {

    public static ProfileView of(UserProfile p) {
        return new ProfileView(p.userId(), p.email(), p.name(), p.role(), p.bio(), p.version(), p.createdAt(), p.updatedAt(),
                p.disabled() ? Boolean.TRUE : null);
    }
}
