package dev.skillforge.enrollments.app;

import java.time.Clock;
import java.time.Instant;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.skillforge.data.item.Ids;
import dev.skillforge.data.keys.Timestamps;
import dev.skillforge.data.problem.Conflict;
import dev.skillforge.data.problem.StaleVersion;
import dev.skillforge.data.user.UserAccount;
import dev.skillforge.data.user.UserAccountRepository;
import dev.skillforge.data.user.UserProfile;
import dev.skillforge.data.user.UserProfileRepository;
import dev.skillforge.enrollments.app.UserDirectory.DirectoryUser;
import dev.skillforge.web.auth.Caller;
import dev.skillforge.web.auth.Role;

/**
 * What admins do to users: change their role, disable and enable them. The user pool is changed first (groups, sign-in,
 * refresh tokens), then the user's account item, which makes every function refuse the tokens issued before (the
 * authorizer would not) and records the change for the audit log, then the profile's role. Each step is idempotent, so a
 * request that failed half-way is completed by sending it again.
 *
 * <p>No change may leave the platform without an enabled admin: an admin cannot demote or disable themselves, and a
 * change that takes the admin role or sign-in from an admin holds the admin-change lock while it counts the others.
 */
@ApplicationScoped
public class AdminUserService {

    /** What the admin user routes answer: the user as the pool and the account item have them now. */
    public record ManagedUser(String userId, String email, String role, boolean enabled, Instant tokensValidAfter) {
    }

    private static final int SAVE_ATTEMPTS = 5;

    @Inject
    UserDirectory directory;

    @Inject
    UserAccountRepository accounts;

    @Inject
    UserProfileRepository profiles;

    @Inject
    Clock clock;

    public ManagedUser changeRole(Caller admin, String userId, String role) {
        DirectoryUser user = existing(userId);
        if (admin.owns(userId) && !Role.ADMIN_GROUP.equals(role)) {
            throw Conflict.invalidState("An admin cannot remove their own admin role: another admin must do it.");
        }
        boolean unchanged = user.groups().equals(java.util.Set.of(role));
        if (unchanged && role.equals(accounts.current(userId).role())) {
            return view(user, accounts.current(userId));
        }
        Runnable change = () -> directory.setRole(userId, role);
        if (user.isAdmin() && user.enabled() && !Role.ADMIN_GROUP.equals(role)) {
            whileAnotherAdminRemains(userId, change);
        } else {
            change.run();
        }
        // Tokens carry the groups they were issued with: the ones from before the change are refused (a refresh gives new ones).
        UserAccount account = saveAccount(userId, current -> current.revokedAt(now(), current.state(), role, admin.userId()));
        updateProfileRole(userId, role, admin.userId());
        return view(new DirectoryUser(userId, user.email(), user.enabled(), java.util.Set.of(role)), account);
    }

    public ManagedUser disable(Caller admin, String userId) {
        DirectoryUser user = existing(userId);
        if (admin.owns(userId)) {
            throw Conflict.invalidState("An admin cannot disable their own account: another admin must do it.");
        }
        Runnable change = () -> directory.disable(userId);
        if (user.isAdmin() && user.enabled()) {
            whileAnotherAdminRemains(userId, change);
        } else {
            change.run();
        }
        UserAccount account = saveAccount(userId, current -> current.state() == UserAccount.State.DISABLED ? current
                : current.revokedAt(now(), UserAccount.State.DISABLED, user.primaryRole(), admin.userId()));
        return view(new DirectoryUser(userId, user.email(), false, user.groups()), account);
    }

    /** Signs-in work again; the tokens from before the disable stay refused (they were signed out). */
    public ManagedUser enable(Caller admin, String userId) {
        DirectoryUser user = existing(userId);
        directory.enable(userId);
        UserAccount account = saveAccount(userId, current -> current.state() == UserAccount.State.ACTIVE ? current
                : current.withState(UserAccount.State.ACTIVE, now(), admin.userId()));
        return view(new DirectoryUser(userId, user.email(), true, user.groups()), account);
    }

    /**
     * Deletes a user: the account turns deleted first (every function refuses the user's tokens from then on, and the
     * stream starts the erasure of their profile, enrollments, progress and reviews), then the user leaves the pool.
     * Sent again after a failure, it finishes what is left. The last enabled admin cannot be deleted; an admin deletes
     * their own account with DELETE /me, not through the admin route.
     */
    public void delete(Caller actor, String userId, boolean self) {
        if (!Ids.isSafe(userId)) {
            throw UserDirectory.noSuchUser();
        }
        if (!self && actor.owns(userId)) {
            throw Conflict.invalidState("Admins delete their own account with DELETE /me.");
        }
        UserAccount account = accounts.current(userId);
        if (account.state() != UserAccount.State.DELETED) {
            DirectoryUser user = directory.find(userId).orElse(null);
            if (user == null && !self) {
                throw UserDirectory.noSuchUser();
            }
            String role = user == null ? account.role() : user.primaryRole();
            Runnable markDeleted = () -> saveAccount(userId, current -> current.revokedAt(now(), UserAccount.State.DELETED, role, actor.userId()));
            if (user != null && user.isAdmin() && user.enabled()) {
                whileAnotherAdminRemains(userId, markDeleted);
            } else {
                markDeleted.run();
            }
        } else if (!self) {
            // deleted before: only the pool may still hold the user, if that step failed
            directory.delete(userId);
            throw UserDirectory.noSuchUser();
        }
        directory.delete(userId);
    }

    private DirectoryUser existing(String userId) {
        if (!Ids.isSafe(userId) || accounts.current(userId).state() == UserAccount.State.DELETED) {
            throw UserDirectory.noSuchUser();
        }
        return directory.find(userId).orElseThrow(UserDirectory::noSuchUser);
    }

    /**
     * Runs {@code change} (which takes the admin role or sign-in from {@code userId}) only if another enabled admin
     * remains, under the admin-change lock so that two admins demoting each other cannot both succeed.
     */
    private void whileAnotherAdminRemains(String userId, Runnable change) {
        String lock = accounts.lockAdminChanges(clock.instant());
        try {
            boolean another = directory.enabledAdmins(2).stream().anyMatch(admin -> !admin.equals(userId));
            if (!another) {
                throw Conflict.invalidState("This is the last enabled admin: make another user admin first.");
            }
            change.run();
        } finally {
            accounts.unlockAdminChanges(lock);
        }
    }

    /** Applies {@code next} to the account as stored, again on a lost race; an unchanged account is not written. */
    private UserAccount saveAccount(String userId, UnaryOperator<UserAccount> next) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            UserAccount current = accounts.current(userId);
            if (current.state() == UserAccount.State.DELETED) {
                throw UserDirectory.noSuchUser();
            }
            UserAccount changed = next.apply(current);
            if (changed == current || accounts.saveIfUnchanged(changed)) {
                return changed;
            }
        }
        throw new Conflict("invalid-state", "Not allowed in the current state", "The account is being changed by someone else: try again.");
    }

    /** The profile (if the user has one yet) lists them under the new role; a user without one gets it on first use. */
    private void updateProfileRole(String userId, String role, String actor) {
        for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
            UserProfile profile = profiles.find(userId).orElse(null);
            if (profile == null || profile.role().equals(role)) {
                return;
            }
            try {
                profiles.update(profile.withIdentity(profile.email(), role, now()).by(actor), profile.version());
                return;
            } catch (StaleVersion raced) {
                // the user edited their profile meanwhile: apply the role to what they stored
            }
        }
    }

    private ManagedUser view(DirectoryUser user, UserAccount account) {
        return new ManagedUser(user.userId(), user.email(), user.primaryRole(), user.enabled(), account.tokensValidAfter());
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
