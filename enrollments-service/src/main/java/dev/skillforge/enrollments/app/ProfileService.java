package dev.skillforge.enrollments.app;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.web.auth.AccountGate;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.Role;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.paging.Page;
import dev.skillforge.data.paging.PageRequest;
import dev.skillforge.web.preconditions.ExpectedVersion;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.data.user.UserProfileRepository;
import dev.skillforge.data.media.MediaPurpose;
import dev.skillforge.media.UploadGrant;
import dev.skillforge.media.UploadGrants;
import dev.skillforge.web.validation.ObjectKeys;

/** Profiles: made on first use from the token's claims, kept in step with the identity provider. */
@ApplicationScoped
public class ProfileService {

    @Inject
    UserProfileRepository profiles;

    @Inject
    Clock clock;

    @Inject
    AccountGate accountGate;

    @Inject
    UploadGrants uploads;

    /**
     * The caller's profile, created from the token on first use; email and role follow the token. An access token
     * carries no email: the one an ID token gave is kept, and a profile made from an access token has none until then.
     */
    public UserProfile ensure(Caller caller) {
        String role = primaryRole(caller);
        UserProfile profile = profiles.find(caller.userId()).orElse(null);
        if (profile == null) {
            // GET /me writes here: a token the account no longer honours must not (re)write the role it carries.
            accountGate.admit(caller.userId(), caller.issuedAt(), true);
            Instant now = now();
            UserProfile created = new UserProfile(caller.userId(), caller.email(), defaultName(caller), role, null, 1, now, now,
                    caller.userId());
            try {
                profiles.create(created);
                return created;
            } catch (Conflict raced) {
                profile = profiles.find(caller.userId()).orElseThrow();
            }
        }
        String email = caller.email() == null ? profile.email() : caller.email();
        if (Objects.equals(profile.email(), email) && profile.role().equals(role)) {
            return profile;
        }
        // A token issued before an admin changed the role still carries the old one: refused here, not written back.
        accountGate.admit(caller.userId(), caller.issuedAt(), true);
        try {
            return profiles.update(profile.withIdentity(email, role, now()), profile.version());
        } catch (StaleVersion raced) {
            return profiles.find(caller.userId()).orElseThrow();
        }
    }

    /**
     * Replaces the user's own fields (name, bio, avatar) with optimistic concurrency. A new avatar key must be an upload
     * granted to this user by POST /me/avatar and stored as granted (UploadGrants); the current one passes as it is.
     */
    public UserProfile edit(Caller caller, String name, String bio, String avatarKey, ExpectedVersion expected) {
        UserProfile current = ensure(caller);
        long version = expected.check(current.version());
        String prefix = UploadGrants.prefix(MediaPurpose.AVATAR, null, null, caller.userId());
        String avatar = uploads.attachable("avatarKey", ObjectKeys.requireUnder("avatarKey", avatarKey, prefix,
                "must be an avatar key issued to you"), current.avatarKey(), MediaPurpose.AVATAR, null, null, caller.userId());
        try {
            UserProfile written = profiles.update(current.edited(name, bio, avatar, now()), version);
            uploads.attached(avatar, current.avatarKey());
            return written;
        } catch (StaleVersion stale) {
            throw expected.stale(stale);
        }
    }

    /** A grant to upload a profile picture; PUT /me with its key shows it. */
    public UploadGrant grantAvatar(Caller caller, String contentType, long contentLength) {
        return uploads.grant(MediaPurpose.AVATAR, null, null, caller.userId(), contentType, contentLength, caller.userId());
    }

    public Page<UserProfile> listByRole(String role, PageRequest page) {
        return profiles.listByRole(role, page);
    }

    /** A user in several groups is listed under the strongest one. */
    static String primaryRole(Caller caller) {
        if (caller.hasRole(Role.ADMIN)) {
            return Role.ADMIN_GROUP;
        }
        if (caller.hasRole(Role.INSTRUCTOR)) {
            return Role.INSTRUCTOR_GROUP;
        }
        return Role.STUDENT_GROUP;
    }

    private static String defaultName(Caller caller) {
        if (caller.name() != null && !caller.name().isBlank()) {
            return caller.name();
        }
        if (caller.email() != null && caller.email().contains("@")) {
            return caller.email().substring(0, caller.email().indexOf('@'));
        }
        return "Learner";
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
