package dev.skillforge.data.user;

import java.time.Instant;

/**
 * A user's profile. Id, email and role come from the identity provider's token and follow it; name and bio
 * are the user's own to edit.
 */
public record UserProfile(
        String userId,
        String email,
        String name,
        String role,
        String bio,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String updatedBy) {

    public UserProfile edited(String newName, String newBio, Instant at) {
        return new UserProfile(userId, email, newName, role, newBio, version + 1, createdAt, at, userId);
    }

    /** The same profile with the identity provider's current email and role (a sign-in can change them). */
    public UserProfile withIdentity(String newEmail, String newRole, Instant at) {
        return new UserProfile(userId, newEmail, name, newRole, bio, version + 1, createdAt, at, userId);
    }
}
