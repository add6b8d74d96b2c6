package dev.skillforge.enrollments.api;

import jakarta.annotation.Nullable;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.skillforge.enrollments.app.AdminUserService.ManagedUser;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user as the admin user routes show them after a change. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManagedUserView(
        String id,
        String email,
        @Schema(enumeration = { "admin", "instructor", "student" }) String role,
        boolean enabled,
        @Schema(description = "Tokens issued before this time are refused (a sign-out or role change); absent when none is.")
        @Nullable Instant tokensValidAfter) {

    public static ManagedUserView of(ManagedUser user) {
        return new ManagedUserView(user.userId(), user.email(), user.role(), user.enabled(), user.tokensValidAfter());
    }
}
