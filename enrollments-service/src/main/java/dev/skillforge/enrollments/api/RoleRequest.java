package dev.skillforge.enrollments.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The role an admin gives a user: exactly one of the platform's roles (a Cognito group each). */
@Schema(description = "The user's new role; they leave the other role groups.")
public record RoleRequest(
        @Schema(required = true, enumeration = { "admin", "instructor", "student" })
        @NotNull @Pattern(regexp = "admin|instructor|student", message = "must be admin, instructor or student") String role) {
}
