package dev.skillforge.enrollments.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.skillforge.data.user.UserProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user profile as the API shows it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(String id, String email, String name, String role, String bio, long version, Instant createdAt,
        Instant updatedAt) {

    public static ProfileView of(UserProfile p) {
        return new ProfileView(p.userId(), p.email(), p.name(), p.role(), p.bio(), p.version(), p.createdAt(), p.updatedAt());
    }
}
