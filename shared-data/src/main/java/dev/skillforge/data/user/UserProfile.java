package dev.skillforge.data.user;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A user's profile. Id, email and role come from the identity provider's token and follow it; name and bio
 * are the user's own to edit. {@code listedAt} is when the profile took its place in the users-by-role list (ordered by
 * email): its creation, or the last change of its email or role. {@code disabled}: an admin disabled the account (shown
 * in the admin's user list; the account item is what refuses the user's tokens). {@code avatarKey}: the profile picture's object
 * key in the assets bucket, null for none.
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
        String updatedBy,
        Instant listedAt,
        boolean disabled,
        String avatarKey) {

    public UserProfile(String userId, String email, String name, String role, String bio, long version, Instant createdAt,
            Instant updatedAt, String updatedBy, Instant listedAt) {
        this(userId, email, name, role, bio, version, createdAt, updatedAt, updatedBy, listedAt, false, null);
    }

    /** A new profile: listed from its creation. */
    public UserProfile(String userId, String email, String name, String role, String bio, long version, Instant createdAt,
            Instant updatedAt, String updatedBy) {
        this(userId, email, name, role, bio, version, createdAt, updatedAt, updatedBy, createdAt);
    }

    public UserProfile edited(String newName, String newBio, String newAvatarKey, Instant at) {
        return new UserProfile(userId, email, newName, role, newBio, version + 1, createdAt, at, userId, listedAt, disabled, newAvatarKey);
    }

    /** The same profile with the identity provider's current email and role (a sign-in can change them). */
    public UserProfile withIdentity(String newEmail, String newRole, Instant at) {
        boolean moved = !Objects.equals(newRole, role) || !Objects.equals(sortableEmail(newEmail), sortableEmail(email));
        return new UserProfile(userId, newEmail, name, newRole, bio, version + 1, createdAt, at, userId, moved ? at : listedAt, disabled, avatarKey);
    }

    /** The same profile with the account disabled or enabled again (an admin's change). */
    public UserProfile withDisabled(boolean nowDisabled, Instant at, String actor) {
        return new UserProfile(userId, email, name, role, bio, version + 1, createdAt, at, actor, listedAt, nowDisabled, avatarKey);
    }

    /** The same change made by {@code actor} (an admin) instead of the user. */
    public UserProfile by(String actor) {
        return new UserProfile(userId, email, name, role, bio, version, createdAt, updatedAt, actor, listedAt, disabled, avatarKey);
    }

    /** How the list orders by email: lower case, none first. */
    static String sortableEmail(String email) {
        return email == null ? "" : email.toLowerCase(Locale.ROOT);
    }
}
